package io.streamq.core.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/** IP literals from headers and configuration, parsed without ever touching DNS. */
public final class IpLiterals {

    private static final Pattern V4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern V6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    private IpLiterals() {
    }

    public static boolean isLiteral(String text) {
        return V4.matcher(text).matches() || text.contains(":") && V6.matcher(text).matches();
    }

    /** {@code [::1]} and {@code 1.2.3.4:5678} forms of X-Forwarded-For hops are accepted too. */
    public static Optional<InetAddress> parse(String hop) {
        String s = hop.strip();
        if (s.startsWith("[")) {
            int end = s.indexOf(']');
            s = end > 0 ? s.substring(1, end) : s;
        } else if (s.indexOf(':') > 0 && s.indexOf(':') == s.lastIndexOf(':')) {
            s = s.substring(0, s.indexOf(':'));
        }
        if (!isLiteral(s)) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(s));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}
