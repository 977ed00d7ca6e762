package dev.newsroom.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The ports {@link Infrastructure#freePort} hands out: free, and never the same twice in one JVM. */
class FreePortTest {

    @Test
    void shouldNeverHandOutTheSamePortTwice() {
        // asked for one after the other, none bound meanwhile: as a broker's listener and controller ports are,
        // or three services' ports. The system's choice alone gave duplicates among 2,000 (2026-12-06).
        List<Integer> ports = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            ports.add(Infrastructure.freePort());
        }

        assertThat(ports).doesNotHaveDuplicates();
    }

    @Test
    void shouldHandOutAPortThatCanBeBound() throws IOException {
        int port = Infrastructure.freePort();

        try (ServerSocket socket = new ServerSocket(port)) {
            assertThat(socket.getLocalPort()).isEqualTo(port);
        }
    }
}
