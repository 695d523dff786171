package indexer

import (
	"os/exec"
	"syscall"
)

// dieWithParent makes the kernel kill cmd when the extraction worker dies,
// so that a worker stopped for taking too long leaves no OCR running.
func dieWithParent(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
}
