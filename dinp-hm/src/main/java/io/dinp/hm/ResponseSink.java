package io.dinp.hm;

import io.netty.channel.Channel;

/** Where {@link ProbeHandler} delivers what happened on a check connection; a seam so the handler is tested without sockets. */
interface ResponseSink {
    /** Whether the check in flight looks at the body, so its first bytes are worth keeping. */
    boolean readsBody();

    /**
     * A complete response arrived on {@code channel}.
     *
     * @param bodyPrefix the first {@link io.dinp.model.HealthSettings#MAX_BODY_BYTES} body bytes,
     *                   or {@code null} when {@link #readsBody()} said no
     * @param keepAlive  whether the server keeps the connection open for the next check
     */
    void responded(Channel channel, int status, byte[] bodyPrefix, boolean keepAlive);

    /**
     * The connection failed or closed before a complete response.
     *
     * @param cause           what went wrong; {@code null} when the connection just closed
     * @param responseStarted whether any of a response had arrived: if not, a kept-alive
     *                        connection may just have been closed by the server while idle
     */
    void lost(Channel channel, Throwable cause, boolean responseStarted);
}
