package io.dinp.router;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ApplicationProtocolNegotiationHandler;
import io.netty.handler.ssl.SniCompletionEvent;
import io.netty.handler.ssl.SslHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Once a TLS client's handshake is done, sets up its connection for the protocol agreed by ALPN:
 * {@code h2} gets {@link Http2Frontend}, {@code http/1.1} (or a client that offered nothing) the
 * same HTTP/1.1 handling as the plain listener. A handshake that fails, or that the router holds
 * no certificate for, closes the connection. The connection remembers which names it was made
 * for ({@link TlsNames}), so that a request for a host it does not cover gets 421.
 */
final class ProtocolSwitch extends ApplicationProtocolNegotiationHandler {
    private static final Logger log = LoggerFactory.getLogger(ProtocolSwitch.class);

    private final ProxyContext context;
    private String serverName; // what the client asked for (SNI), as the SniHandler before saw it

    ProtocolSwitch(ProxyContext context) {
        super(ApplicationProtocolNames.HTTP_1_1);
        this.context = context;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        // Client connections do not read by themselves: ask for the ClientHello. The TLS handlers
        // read on by themselves until the handshake is done.
        ctx.read();
        ctx.fireChannelActive();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof SniCompletionEvent sni && sni.isSuccess()) {
            serverName = sni.hostname();
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    protected void configurePipeline(ChannelHandlerContext ctx, String protocol) {
        SslHandler ssl = ctx.pipeline().get(SslHandler.class);
        ctx.channel().attr(TlsNames.KEY).set(TlsNames.of(serverName, ssl.engine().getSession()));
        switch (protocol) {
            case ApplicationProtocolNames.HTTP_2 -> Http2Frontend.configure(ctx.pipeline(), context);
            case ApplicationProtocolNames.HTTP_1_1 ->
                    FrontendInitializer.addHttp1(ctx.pipeline(), context, FrontendInitializer.HTTPS);
            default -> throw new IllegalStateException("unexpected ALPN protocol " + protocol);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // Before the handshake is done (this handler is gone after it): no certificate for the
        // name, a failed or timed-out handshake, not TLS at all. Common enough not to warn.
        Throwable why = cause.getCause() != null ? cause.getCause() : cause;
        log.debug("TLS connection from {} closed: {}", ctx.channel().remoteAddress(), why.toString());
        ctx.close();
    }
}
