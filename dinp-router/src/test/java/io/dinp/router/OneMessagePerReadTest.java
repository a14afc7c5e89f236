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

    @Test
    void aReadAskedForInsideADeliveryIsAnsweredAfterItNeverNestedInIt() throws Exception {
        List<String> trace = new ArrayList<>();
        int[] socketReads = {0};
        EmbeddedChannel ch = new EmbeddedChannel(false, false,
                new io.netty.channel.ChannelOutboundHandlerAdapter() {
                    @Override
                    public void read(ChannelHandlerContext ctx) {
                        socketReads[0]++; // what reaches the transport
                        ctx.read();
                    }
                },
                new OneMessagePerRead(),
                new ChannelInboundHandlerAdapter() {
                    @Override
                    public void channelRead(ChannelHandlerContext ctx, Object msg) {
                        trace.add("start " + msg);
                        ctx.read(); // wants the next piece while still handling this one
                        trace.add("end " + msg);
                    }
                });
        ch.config().setAutoRead(false);
        ch.register();

        ch.read();
        int before = socketReads[0];
        ch.writeInbound("head", "body", "next request");

        // one after another, never one inside another; and the last read asked for went on to the
        // transport at once, so the channel kept its read interest
        assertThat(trace).containsExactly("start head", "end head", "start body", "end body", "start next request",
                "end next request");
        assertThat(socketReads[0]).isGreaterThan(before);
    }
}
