package org.opentss.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** tse-formats.md §3, with the golden test key. */
class SerialNumberTest {

    static final byte[] GOLDEN_PUBLIC_KEY = HexFormat.of().parseHex(
            "0460fed4ba255a9d31c961eb74c6356d68c049b8923b61fa6ce669622e60f29fb6"
                    + "7903fe1008b8bc99a41ae9e95628bc64f2f1b20c2d7e9f5177a3c294d4462299");

    @Test
    void isSha256OfTheUncompressedPoint() {
        assertThat(HexFormat.of().formatHex(SerialNumber.of(GOLDEN_PUBLIC_KEY)))
                .isEqualTo("b18b86ce1389e46de87aa4a5131ce83c1160fa33c087ab15b863574d31d8ff3c");
    }

    @Test
    void goldenPublicKeyIsTheBase64OfTheSpec() {
        assertThat(Base64.getEncoder().encodeToString(GOLDEN_PUBLIC_KEY))
                .isEqualTo("BGD+1LolWp0xyWHrdMY1bWjASbiSO2H6bOZpYi5g8p+2eQP+EAi4vJmkGunpVii8ZPLxsgwtfp9Rd6PClNRGIpk=");
    }

    @Test
    void a384BitPointAlsoGives32Bytes() {
        byte[] point = new byte[97];
        point[0] = 0x04;
        assertThat(SerialNumber.of(point)).hasSize(32);
    }

    @Test
    void anythingButAnUncompressedPointIsRefused() {
        byte[] compressed = Arrays.copyOf(GOLDEN_PUBLIC_KEY, 33);
        compressed[0] = 0x03;
        byte[] wrongPrefix = GOLDEN_PUBLIC_KEY.clone();
        wrongPrefix[0] = 0x03;
        assertThatThrownBy(() -> SerialNumber.of(compressed)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SerialNumber.of(wrongPrefix)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SerialNumber.of(Arrays.copyOf(GOLDEN_PUBLIC_KEY, 64)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SerialNumber.of(new byte[0])).isInstanceOf(IllegalArgumentException.class);
    }
}
