package winreg

import "errors"

// ErrNeedsWindows is returned by [Live] on other operating systems.
var ErrNeedsWindows = errors.New("reg: live registry collection needs Windows")

// liveName is the Name of the export [Live] returns.
const liveName = "live registry"
