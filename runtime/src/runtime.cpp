#include "lambda_runtime/runtime.h"
