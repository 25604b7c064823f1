// Package seeds carries the default topic taxonomy (topics.yaml) in the
// binary, so that sourcecmp scores documents against it when run outside
// the repository, where no taxonomy file is found. The seed documents and
// annotations beside it are read from disk by `serve --seeds`.
package seeds

import _ "embed"

// Topics is topics.yaml, the default taxonomy.
//
//go:embed topics.yaml
var Topics []byte

// TopicsName names the built-in taxonomy in logs and errors.
const TopicsName = "built-in seeds/topics.yaml"
