// Splits one invocation into the records it carries: SNS records from the drift topic, or SQS
// records from the retry queue (our retry messages, or SNS notifications when a queue is
// subscribed to the topic). Each record is then handled on its own.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "retry_message.h"

namespace orchestrator {

enum class record_source { sns, sqs, direct };

struct inbound_record {
  record_source source = record_source::sns;
  std::string item_id;       // SQS messageId (the batchItemFailures identifier), else message_id
  std::string message_id;    // SNS MessageId when there is one, else the SQS messageId
  std::string arrival_time;  // ISO 8601 UTC: SNS Timestamp / SQS SentTimestamp
  std::string body;          // the drift event as received
  std::optional<retry_ticket> retry;  // set when the record is one of our retry messages
  std::string error;  // the record itself is malformed (body then is the raw record)
};

struct invocation_records {
  record_source source = record_source::sns;
  std::vector<inbound_record> records;
};

// Never fails: an invocation that is no SNS/SQS event at all becomes one record with `error`
// set (a bare drift event, as a test or an operator might send, is taken as one record).
// `now` stands in for missing arrival times.
invocation_records split_invocation(std::string_view payload, std::string_view request_id,
                                    std::string_view now_iso);

}  // namespace orchestrator
