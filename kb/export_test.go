package kb

// HoldHashing takes every place of the password-hashing pool, as sign-ins
// of a busy server do, until release is called.
func (a *Accounts) HoldHashing() (release func()) {
	for range cap(a.hashing) {
		a.hashing <- struct{}{}
	}
	return func() {
		for range cap(a.hashing) {
			<-a.hashing
		}
	}
}
