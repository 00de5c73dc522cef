package deliver

import (
	"errors"
	"net/netip"
	"testing"
)

func TestClassify(t *testing.T) {
	for addr, want := range map[string]string{
		"127.0.0.1":        "loopback",
		"::1":              "loopback",
		"::ffff:127.0.0.1": "loopback",
		"64:ff9b::7f00:1":  "loopback", // NAT64 of 127.0.0.1
		"10.1.2.3":         "private",
		"172.16.0.1":       "private",
		"192.168.1.1":      "private",
		"fd12::1":          "private",
		"169.254.169.254":  "cloud metadata",
		"fd00:ec2::254":    "cloud metadata",
		"169.254.1.1":      "link-local",
		"fe80::1":          "link-local",
		"100.64.0.1":       "carrier-grade NAT",
		"100.100.100.200":  "carrier-grade NAT",
		"224.0.0.1":        "multicast",
		"ff02::1":          "multicast",
		"0.0.0.0":          "unspecified",
		"::":               "unspecified",
		"255.255.255.255":  "reserved",
		"8.8.8.8":          "",
		"2001:4860::8888":  "",
		"64:ff9b::808:808": "", // NAT64 of 8.8.8.8
	} {
		if got := classify(netip.MustParseAddr(addr)); got != want {
			t.Errorf("%s: %q, want %q", addr, got, want)
		}
	}
}

func TestGuardOptions(t *testing.T) {
	open := &guard{allowPrivate: true}
	if err := open.control("tcp", "10.0.0.1:443", nil); err != nil {
		t.Errorf("AllowPrivateNetworks refused a private address: %v", err)
	}
	if err := open.control("tcp", "169.254.169.254:80", nil); !errors.Is(err, ErrBlocked) {
		t.Errorf("AllowPrivateNetworks opened the metadata address: %v", err)
	}
	narrow := &guard{allow: []netip.Prefix{netip.MustParsePrefix("10.1.0.0/16")}}
	if err := narrow.control("tcp", "10.1.2.3:443", nil); err != nil {
		t.Errorf("allow-listed address refused: %v", err)
	}
	if err := narrow.control("tcp", "10.2.0.1:443", nil); !errors.Is(err, ErrBlocked) {
		t.Errorf("address outside the allow-list: %v", err)
	}
	if err := (&guard{}).control("tcp", "[::ffff:10.0.0.1]:80", nil); !errors.Is(err, ErrBlocked) {
		t.Errorf("IPv4-mapped private address: %v", err)
	}
}
