package deliver

import (
	"fmt"
	"net/netip"
	"syscall"
)

// guard refuses addresses a server should not reach on a tenant's behalf. It runs in the
// dialer's Control hook, after DNS resolution, so a name that resolves to a private address
// is refused as surely as the address itself.
type guard struct {
	allowPrivate bool
	allow        []netip.Prefix
}

var (
	cgnat     = netip.MustParsePrefix("100.64.0.0/10")    // carrier-grade NAT; holds Alibaba's metadata address
	thisNet   = netip.MustParsePrefix("0.0.0.0/8")        // "this network"
	broadcast = netip.MustParseAddr("255.255.255.255")    // limited broadcast
	nat64     = netip.MustParsePrefix("64:ff9b::/96")     // IPv4 embedded in IPv6 by NAT64
	ietf      = netip.MustParsePrefix("192.0.0.0/24")     // IETF protocol assignments
	benchmark = netip.MustParsePrefix("198.18.0.0/15")    // benchmarking networks
	reserved  = netip.MustParsePrefix("240.0.0.0/4")      // reserved
	metadata  = netip.MustParseAddr("169.254.169.254")    // the usual cloud metadata address
	awsV6Meta = netip.MustParseAddr("fd00:ec2::254")      // AWS's IPv6 metadata address
	gcpMeta   = netip.MustParsePrefix("fd20:ce::254/128") // GCP's IPv6 metadata address
)

// classify names what kind of address a is, or "" when it is a public unicast address.
func classify(a netip.Addr) string {
	a = a.Unmap()
	if nat64.Contains(a) {
		b := a.As16()
		a = netip.AddrFrom4([4]byte{b[12], b[13], b[14], b[15]})
	}
	switch {
	case a == metadata || a == awsV6Meta || gcpMeta.Contains(a):
		return "cloud metadata"
	case a.IsLoopback():
		return "loopback"
	case a.IsPrivate():
		return "private"
	case a.IsLinkLocalUnicast():
		return "link-local"
	case a.IsMulticast() || a.IsLinkLocalMulticast() || a.IsInterfaceLocalMulticast():
		return "multicast"
	case a.IsUnspecified() || thisNet.Contains(a):
		return "unspecified"
	case cgnat.Contains(a):
		return "carrier-grade NAT"
	case a == broadcast || reserved.Contains(a) || ietf.Contains(a) || benchmark.Contains(a):
		return "reserved"
	}
	return ""
}

// control is a net.Dialer Control function.
func (g *guard) control(network, address string, _ syscall.RawConn) error {
	ap, err := netip.ParseAddrPort(address)
	if err != nil {
		return &BlockedError{Address: address, Kind: "unparsable"}
	}
	addr := ap.Addr().Unmap()
	for _, p := range g.allow {
		if p.Contains(addr) {
			return nil
		}
	}
	kind := classify(addr)
	if kind == "" || (g.allowPrivate && kind != "cloud metadata") {
		return nil
	}
	return &BlockedError{Address: addr.String(), Kind: kind}
}

// BlockedError is a connection the SSRF guard refused. It matches ErrBlocked.
type BlockedError struct {
	Address string // the resolved address
	Kind    string // loopback, private, link-local, cloud metadata, ...
}

// Error names the address and the option that allows it.
func (e *BlockedError) Error() string {
	return fmt.Sprintf("deliver: refused to connect to %s, a %s address; allow it with deliver.AllowPrivateNetworks() or deliver.AllowNetworks(prefix)", e.Address, e.Kind)
}

// Unwrap returns ErrBlocked.
func (e *BlockedError) Unwrap() error { return ErrBlocked }
