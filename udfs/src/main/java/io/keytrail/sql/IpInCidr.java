package io.keytrail.sql;

import org.apache.flink.table.functions.ScalarFunction;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * {@code ip_in_cidr(ip, cidr)}: whether an IPv4 or IPv6 address lies in a CIDR block ({@code 10.0.0.0/8},
 * {@code 2001:db8::/32}; a bare address is a /32 or /128). An IPv4-mapped IPv6 address
 * ({@code ::ffff:10.1.2.3}) matches IPv4 blocks. NULL when either side is NULL or not an address;
 * never resolves host names.
 */
public class IpInCidr extends ScalarFunction {
    private static final long serialVersionUID = 1L;

    public Boolean eval(String ip, String cidr) {
        if (ip == null || cidr == null) return null;
        String c = cidr.trim();
        int slash = c.indexOf('/');
        byte[] net = parse(slash < 0 ? c : c.substring(0, slash));
        byte[] addr = parse(ip.trim());
        if (net == null || addr == null) return null;
        int bits = net.length * 8;
        if (slash >= 0) {
            try {
                bits = Integer.parseInt(c.substring(slash + 1));
            } catch (NumberFormatException e) {
                return null;
            }
            if (bits < 0 || bits > net.length * 8) return null;
        }
        if (addr.length != net.length) return false;
        for (int i = 0; i < net.length && bits > 0; i++, bits -= 8) {
            int mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
            if ((addr[i] & mask) != (net[i] & mask)) return false;
        }
        return true;
    }

    /** The address's bytes (4 for IPv4 and IPv4-mapped IPv6, else 16), or null when it is not a literal address. */
    static byte[] parse(String s) {
        if (s.isEmpty()) return null;
        if (s.indexOf(':') < 0) return parseV4(s);
        if (s.startsWith("[") && s.endsWith("]")) s = s.substring(1, s.length() - 1);
        int zone = s.indexOf('%');
        if (zone >= 0) s = s.substring(0, zone);
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (Character.digit(ch, 16) < 0 && ch != ':' && ch != '.') return null;
        }
        try {
            // A literal with ':' is parsed, never looked up; IPv4-mapped addresses come back as Inet4Address.
            return InetAddress.getByName(s).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static byte[] parseV4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) return null;
        byte[] b = new byte[4];
        for (int i = 0; i < 4; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 3) return null;
            int v = 0;
            for (int j = 0; j < p.length(); j++) {
                int d = Character.digit(p.charAt(j), 10);
                if (d < 0) return null;
                v = v * 10 + d;
            }
            if (v > 255) return null;
            b[i] = (byte) v;
        }
        return b;
    }
}
