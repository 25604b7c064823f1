package gqllimit

// ServeLimits are serveLimits, for the tests of package gqllimit_test
// (which may import graph/generated, itself importing gqllimit).
var ServeLimits = serveLimits
