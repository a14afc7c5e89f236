package io.dinp.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TestImagesIT {

    @Test
    void helloServesItsInstanceAndVersion() {
        String image = TestImages.ensureHello(TestImages.V2);
        // the image has no wget of its own beyond busybox: start httpd, then fetch from inside
        String name = "dinp-testkit-it-" + ProcessHandle.current().pid();
        try {
            Docker.run("run", "-d", "--name", name, "-e", "PORT=8080", "-e", "DINP_INSTANCE=i-1", image);
            String body = Docker.run("exec", name, "sh", "-c",
                    "for i in $(seq 1 100); do wget -qO- http://127.0.0.1:8080/ && exit 0; usleep 50000; done; exit 1");
            assertThat(body).isEqualTo("instance=i-1 version=v2");
        } finally {
            Docker.succeeds("rm", "-f", name);
        }
    }

    @Test
    void crashExitsWithOne() {
        String image = TestImages.ensureCrash();
        assertThatThrownBy(() -> Docker.run("run", "--rm", image))
                .hasMessageContaining("exit code 1");
    }

    @Test
    void ensureIsIdempotent() {
        TestImages.ensureAll();
        String id = Docker.run("image", "inspect", "-f", "{{.Id}}", TestImages.HELLO_V1);
        TestImages.ensureAll();
        assertThat(Docker.run("image", "inspect", "-f", "{{.Id}}", TestImages.HELLO_V1)).isEqualTo(id);
    }
}
