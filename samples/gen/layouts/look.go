package layouts

import "os/exec"

var lookPath = exec.LookPath
