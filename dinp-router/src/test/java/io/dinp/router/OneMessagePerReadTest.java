package io.dinp.router;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OneMessagePerReadTest {
    private final List<Object> delivered = new ArrayList<>();
    private final EmbeddedChannel channel = new EmbeddedChannel(false, false, new OneMessagePerRead(),
            new ChannelInboundHandlerAdapter() {
                @Override
                public void channelRead(ChannelHandlerContext ctx, Object msg) {
                    delivered.add(msg);
                }
            });

    OneMessagePerReadTest() throws Exception {
        // As on the router's client connections: nothing is read unless asked for.
        channel.config().setAutoRead(false);
        channel.register();
    }

    @Test
    void oneMessageGoesDownPerRead() {
        channel.writeInbound("request 1", "request 2");
        assertThat(delivered).isEmpty();

        channel.read();
        assertThat(delivered).containsExactly("request 1");
        channel.read();
        assertThat(delivered).containsExactly("request 1", "request 2");
    }

    @Test
    void aReadWhoseBytesMadeNoMessageIsStillAnsweredByTheNextMessage() {
        channel.read();
        channel.pipeline().fireChannelReadComplete(); // half a request head arrived: nothing decoded

        channel.writeInbound("request");

        assertThat(delivered).containsExactly("request");
    }

    @Test
    void messagesAreNotDeliveredBeyondTheReadsAskedFor() {
        channel.read();
        channel.writeInbound("request 1", "request 2");

        assertThat(delivered).containsExactly("request 1");
    }
}
