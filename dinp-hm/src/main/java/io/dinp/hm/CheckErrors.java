package io.dinp.hm;

import io.netty.handler.codec.DecoderException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.util.Locale;

/**
 * Says in a few words why a check got no response, for the instance's status: "connection refused
 * by 10.0.0.7:8080" rather than an exception class and a native call's name.
 */
final class CheckErrors {
    static final String CLOSED = "the connection closed before a complete response";

    private CheckErrors() {
    }

    /** Why a check of {@code host:port} failed with {@code cause}; {@code null} means the connection just closed. */
    static String describe(Throwable cause, String host, int port) {
        String where = hostPort(host, port);
        if (cause == null || cause instanceof ClosedChannelException) {
            return CLOSED + " from " + where;
        }
        if (cause instanceof UnknownHostException) {
            return "host " + host + " does not resolve";
        }
        if (cause instanceof DecoderException) {
            return "invalid HTTP response from " + where + ": " + message(cause.getCause() != null ? cause.getCause() : cause);
        }
        String m = message(cause).toLowerCase(Locale.ROOT);
        if (m.contains("refused")) {
            return "connection refused by " + where;
        }
        if (m.contains("reset")) {
            return "connection reset by " + where;
        }
        if (m.contains("broken pipe")) {
            return "connection closed by " + where + " while sending the check";
        }
        if (cause instanceof NoRouteToHostException || m.contains("no route")) {
            return "no route to " + where;
        }
        if (m.contains("unreachable")) {
            return "network unreachable for " + where;
        }
        if (cause instanceof ConnectException) {
            return "could not connect to " + where + ": " + message(cause);
        }
        return "check of " + where + " failed: " + message(cause);
    }

    /** {@code host:port}, an IPv6 address in brackets, as in a URL or a Host header. */
    static String hostPort(String host, int port) {
        return (host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + port;
    }

    private static String message(Throwable t) {
        return t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
    }
}
