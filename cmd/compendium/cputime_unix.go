//go:build unix

package main

import (
	"syscall"
	"time"
)

// cpuTime is the processor time the process has used, which, unlike
// the time on the clock, other programs on the machine do not lengthen.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
