"""Environment for running Terraform and boto3 against the moto fixture (shared by the scripts)."""
import os

HERE = os.path.dirname(os.path.abspath(__file__))
CONFIG_DIR = os.path.join(HERE, "config")
STATE_KEY = "platform/terraform.tfstate"
WORKSPACE_KEY_PREFIX = "env:"


def terraform_env(endpoint, region="us-east-1"):
    env = dict(os.environ)
    env.update({
        "AWS_ENDPOINT_URL": endpoint,
        "AWS_ACCESS_KEY_ID": "test",
        "AWS_SECRET_ACCESS_KEY": "test",
        "AWS_REGION": region,
        "AWS_DEFAULT_REGION": region,
        "TF_CLI_CONFIG_FILE": os.path.join(HERE, "cli.tfrc"),
        "TF_IN_AUTOMATION": "1",
        "CHECKPOINT_DISABLE": "1",
    })
    env.pop("TF_WORKSPACE", None)
    return env


def boto_kwargs(endpoint, region="us-east-1"):
    return dict(endpoint_url=endpoint, region_name=region,
                aws_access_key_id="test", aws_secret_access_key="test")
