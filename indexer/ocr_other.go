//go:build !linux

package indexer

import (
	"os/exec"
	"runtime"
)

// dieWithParent does nothing where the kernel cannot tie a child's life to
// its parent's; the product runs on Linux.
func dieWithParent(*exec.Cmd) {}

// programShare is 0 (no limit) where rlimits cannot be set on another
// process.
func programShare(int) uint64 { return 0 }

// limitMemory does nothing off Linux.
func limitMemory(int, uint64) error { return nil }

// ocrAtOnce reads a page per processor at once.
func ocrAtOnce() int { return runtime.NumCPU() }
