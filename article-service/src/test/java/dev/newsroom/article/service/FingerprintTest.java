package dev.newsroom.article.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FingerprintTest {

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void shouldBeTheCrc32cAndTheCrc32OfTheBytesSideBySide() {
        // the two CRCs' published check values, over "123456789"
        assertThat(Fingerprint.of(bytes("123456789"))).isEqualTo("e3069283" + "cbf43926");
        assertThat(Fingerprint.of(new byte[0])).isEqualTo("00000000" + "00000000");
    }

    @Test
    void shouldGiveEqualBytesEqualFingerprintsInOnePieceOrSeveral() {
        String whole = new Fingerprint().update(bytes("{\"items\":[1,2]}")).hex();
        assertThat(new Fingerprint().update(bytes("{\"items\":")).update(bytes("[1,2]}")).hex()).isEqualTo(whole);
        assertThat(Fingerprint.of(bytes("{\"items\":[1,2]}"))).isEqualTo(whole);
        assertThat(Fingerprint.of(bytes("{\"items\":[1,3]}"))).isNotEqualTo(whole);
    }

    @Test
    void shouldTellPartsApartByTheirSeparator() {
        String abThenC = new Fingerprint().update(bytes("ab")).update(0).update(bytes("c")).update(0).hex();
        String aThenBc = new Fingerprint().update(bytes("a")).update(0).update(bytes("bc")).update(0).hex();
        assertThat(abThenC).isNotEqualTo(aThenBc).hasSize(16).matches("[0-9a-f]{16}");
    }
}
