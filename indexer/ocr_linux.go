package indexer

import (
	"os/exec"
	"runtime"
	"syscall"

	"golang.org/x/sys/unix"
)

// dieWithParent makes the kernel kill cmd when the extraction worker dies,
// so that a worker stopped for taking too long leaves no OCR running.
func dieWithParent(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
}

// minProgramShare is the least address space an OCR program is given:
// Tesseract with two languages' models maps a few hundred MiB.
const minProgramShare = 1 << 30

// workerLimit is the worker's address-space limit, 0 for none (as in
// tests that extract in process).
func workerLimit() uint64 {
	var lim unix.Rlimit
	if err := unix.Getrlimit(unix.RLIMIT_AS, &lim); err != nil || lim.Cur == unix.RLIM_INFINITY {
		return 0
	}
	return lim.Cur
}

// ocrAtOnce is how many pages are read at once: one per processor, and
// no more than the worker's limit gives each program minProgramShare.
func ocrAtOnce() int {
	n := runtime.NumCPU()
	if lim := workerLimit(); lim > 0 {
		n = min(n, max(int(lim/minProgramShare)-1, 1))
	}
	return n
}

// programShare is the address space each OCR program may have: the
// worker's own limit split between the worker and the programs that run
// at once, or 0 (none) where the worker has no limit.
func programShare(atOnce int) uint64 {
	return workerLimit() / uint64(atOnce+1)
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
