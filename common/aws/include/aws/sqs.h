// Amazon SQS (JSON protocol).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "aws/session.h"

namespace aws::sqs {

struct message {
  std::string message_id;
  std::string receipt_handle;
  std::string body;
  std::string md5_of_body;
  std::map<std::string, std::string> attributes;  // ApproximateReceiveCount, SentTimestamp...
};

struct receive_options {
  int max_messages = 10;  // 1..10
  int wait_seconds = 0;   // long polling, 0..20
  std::optional<int> visibility_timeout;
};

// The MessageId. delay_seconds 0..900.
core::result<std::string, error> send_message(session& s, const std::string& queue_url,
                                              const std::string& body, int delay_seconds = 0);
core::result<std::vector<message>, error> receive_messages(session& s, const std::string& queue_url,
                                                           const receive_options& o = {});
core::result<core::unit, error> delete_message(session& s, const std::string& queue_url,
                                               const std::string& receipt_handle);
core::result<std::string, error> get_queue_url(session& s, const std::string& queue_name);
// Every attribute of the queue (QueueArn, ApproximateNumberOfMessages, ...).
core::result<std::map<std::string, std::string>, error> get_queue_attributes(
    session& s, const std::string& queue_url);
// The new queue's URL; attributes as SQS names them (DelaySeconds, VisibilityTimeout...).
core::result<std::string, error> create_queue(
    session& s, const std::string& name, const std::map<std::string, std::string>& attributes = {});

}  // namespace aws::sqs
