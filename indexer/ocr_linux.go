package indexer

import (
	"os/exec"
	"syscall"

	"golang.org/x/sys/unix"
)

// dieWithParent makes the kernel kill cmd when the extraction worker dies,
// so that a worker stopped for taking too long leaves no OCR running.
func dieWithParent(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
}

// programShare is the address space each OCR program may have: the
// worker's own limit split between the worker and the programs that run
// at once (one page per processor), or 0 (none) where the worker has no
// limit, as in tests that extract in process.
func programShare(atOnce int) uint64 {
	var lim unix.Rlimit
	if err := unix.Getrlimit(unix.RLIMIT_AS, &lim); err != nil || lim.Cur == unix.RLIM_INFINITY {
		return 0
	}
	return lim.Cur / uint64(atOnce+1)
}

// limitMemory sets a started program's address-space limit; 0 leaves it.
// The program started a moment before, so it has yet to allocate what a
// page's bitmap or recognition takes.
func limitMemory(pid int, bytes uint64) error {
	if bytes == 0 {
		return nil
	}
	return unix.Prlimit(pid, unix.RLIMIT_AS, &unix.Rlimit{Cur: bytes, Max: bytes}, nil)
}
