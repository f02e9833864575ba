// The events Lambda's pollers build: an SQS event-source mapping's batch, an SNS
// subscription's record (unwrapped from the envelope SNS puts on an SQS queue), and the
// partial-batch response a function may answer with.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace harness {

struct queue_message {
  std::string message_id;
  std::string receipt_handle;
  std::string body;
  std::string md5_of_body;  // computed when the service sent none
  std::map<std::string, std::string> attributes;
  std::string message_attributes_json = "{}";  // Lambda's messageAttributes object
  std::string md5_of_message_attributes;       // empty: none (null in the record)
};

// arn:aws:sqs:<region>:<account>:<name> from https://host/<account>/<name>.
std::string queue_arn_from_url(const std::string& queue_url, const std::string& region);

// {"Records":[{messageId, receiptHandle, body, attributes, messageAttributes, md5OfBody,
//   eventSource, eventSourceARN, awsRegion}, ...]}
std::string sqs_event(const std::vector<queue_message>& batch, const std::string& queue_arn,
                      const std::string& region);

struct sns_delivery {
  std::string event;       // {"Records":[{EventSource, EventVersion, EventSubscriptionArn, Sns}]}
  std::string message_id;  // the SNS MessageId
};

// nullopt when `body` is not an SNS notification envelope.
std::optional<sns_delivery> sns_event(const std::string& body,
                                      const std::string& subscription_suffix);

// The itemIdentifiers of a {"batchItemFailures":[{"itemIdentifier":...}]} response: empty
// when everything succeeded; nullopt when the response fails the whole batch (an entry with
// an empty or unknown identifier, as Lambda treats it).
std::optional<std::set<std::string>> batch_item_failures(const std::string& response,
                                                         const std::set<std::string>& known_ids);

}  // namespace harness
