// Amazon SQS reads for the drift scanner (JSON protocol): a queue's tags and the region's
// queues. A queue's attributes: aws::sqs::get_queue_attributes (aws/sqs.h).
#pragma once

#include <map>
#include <string>
#include <vector>

#include "aws/session.h"

namespace aws::sqs {

// A queue that does not exist (any more): the JSON protocol's code, or the query protocol's
// that some endpoints still send.
inline bool is_missing_queue(const error& e) {
  return e.code == "QueueDoesNotExist" || e.code == "AWS.SimpleQueueService.NonExistentQueue";
}

core::result<std::map<std::string, std::string>, error> list_queue_tags(
    session& s, const std::string& queue_url);
// The URL of every queue in the region (NextToken pages of up to 1000).
core::result<std::vector<std::string>, error> list_queues(session& s);

}  // namespace aws::sqs
