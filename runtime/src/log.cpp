#include "lambda_runtime/log.h"
