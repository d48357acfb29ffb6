//go:build !windows

package winreg

// Live reads the machine's registry on Windows; here it returns
// [ErrNeedsWindows].
func Live() (*Export, error) {
	return nil, ErrNeedsWindows
}
