package org.opentss.verify;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The known-answer vectors of tse-formats.md §12: hex dumps under {@code src/test/resources/vectors}
 * and the keys and QR codes given in the spec text, copied exactly.
 */
final class TestVectors {

    /** §12.1/§12.2: the fiskaly production TSS key, P-256. */
    static final byte[] FISKALY_PUBLIC_KEY = hex("04ecec826863bc580fa6c6a293f529d951330d75a1c9d01333961c943cf8a94b4b"
            + "94f65987c983b20b801e414e659f319971a30637e57472809af471bd1230caac");
    static final String FISKALY_SERIAL = "e11e1a155b6166b2f1844e8f063ae44837869bfa5689dfb7bae8524444d54e52";
    static final String FISKALY_DTBS_SHA256 = "d7a88157ce9631220b270c6e925e633a452d059483b8130ba35abfeeb7106660";
    static final String FISKALY_FILE_SHA256 = "8f4ccd6c13f3c65d0174aabb651a610ae24c1a7a08978b5a18637dbfaf833767";
    static final String FISKALY_SIGNATURE = "50f7ffe209409ad8d876a4cd845a0866985228694b5a49f437a27be4fce7fd3c"
            + "17189e021dc50cee48576f848370bf856a91a07ce5d433958596dfa4d3fc2ddf";
    static final String FISKALY_QR = "V0;1063641;Kassenbeleg-V1;Beleg^62.00_0.00_0.00_0.00_0.00^66.30:Bar;1;16;"
            + "2021-07-28T12:38:46.000Z;2021-07-28T12:38:59.000Z;ecdsa-plain-SHA256;unixTime;"
            + "UPf/4glAmtjYdqTNhFoIZphSKGlLWkn0N6J75Pzn/TwXGJ4CHcUM7khXb4SDcL+FapGgfOXUM5WFlt+k0/wt3w==;"
            + "BOzsgmhjvFgPpsaik/Up2VEzDXWhydATM5YclDz4qUtLlPZZh8mDsguAHkFOZZ8xmXGjBjfldHKAmvRxvRIwyqw=";

    /** §12.3: the D-Trust test device key, P-384. */
    static final byte[] DTRUST_P384_PUBLIC_KEY = hex("042a75f48ffa083b41a675a0d1f66254bd6b3367a2ac3513b368ebc7d8007fa7"
            + "49e26b357a4c52ad920ae153fdefb403a252ba9147550bf6735e542b994cb55beac489f50aacbd561e70778cad5164ee1796"
            + "82188e21a53f23468aae2b664e6946");
    static final String DTRUST_SERIAL = "dd096487e07b8a77bc03c25bf7067d728d68366ebaead656f728f2f14f98f23e";

    /** §12.4: a real receipt of a brainpoolP384r1 TSE, with the misspelt processType it was signed with. */
    static final String BRAINPOOL_P384_QR = "V0;AMA-6200;KassenBeleg-V1;Beleg^2.90_0.00_0.00_0.00_2.10^5.00:Unbar;"
            + "160504;344413;2021-07-23T10:12:54.000Z;2021-07-23T10:12:55.000Z;ecdsa-plain-SHA384;unixTime;"
            + "NgqBkWMvhLmCKa9cJJ8JodfAdlkfcFFyW0J7Ks9lTz9I4QFKhLzyGF/02kWsCRg0LoiJtkq+0Ak9GovodNFLOBG00ewEj40/"
            + "GbI9zLtNt9j90w4Sz3GcxTSrr3rqhIhN;BCd1vZvSJsJwBTqshgDVsrG4Gg+oN3jeeFEgjGiKs9ELd170vy/jO3iMMF6tAVUfjy"
            + "Yn9jRXng8Z4qWXaqoJ53+y+OFeSY/lQsdZWCODkzhlhkJxJw2k9Z1A4gFX6Riotw==";

    /** §12.5: the golden test key (RFC 6979 A.2.5), P-256. */
    static final byte[] GOLDEN_PUBLIC_KEY = hex("0460fed4ba255a9d31c961eb74c6356d68c049b8923b61fa6ce669622e60f29fb6"
            + "7903fe1008b8bc99a41ae9e95628bc64f2f1b20c2d7e9f5177a3c294d4462299");
    static final String GOLDEN_PUBLIC_KEY_BASE64 =
            "BGD+1LolWp0xyWHrdMY1bWjASbiSO2H6bOZpYi5g8p+2eQP+EAi4vJmkGunpVii8ZPLxsgwtfp9Rd6PClNRGIpk=";
    static final String GOLDEN_SERIAL = "b18b86ce1389e46de87aa4a5131ce83c1160fa33c087ab15b863574d31d8ff3c";
    static final String GOLDEN_QR = "V0;KASSE-01;Kassenbeleg-V1;Beleg^21.42_0.00_0.00_0.00_0.00^21.42:Unbar;1;9;"
            + "2026-01-01T09:00:00.000Z;2026-01-01T09:00:12.000Z;ecdsa-plain-SHA256;unixTime;"
            + "9irXgzsGnn9vIJXzFQHTvot+UHHGUIjVqFjQpx8dFCVzbEL1lUMafXhtjhBon1Dd88XD/Y+YPzMAcP8NjkXMPA==;"
            + GOLDEN_PUBLIC_KEY_BASE64;

    /** One row of the §12.5 table. */
    record GoldenLog(int counter, String operationType, long logTime, String fileName, int length, String sha256) {

        byte[] bytes() {
            return hexDump("golden/" + fileName + ".hex");
        }

        @Override
        public String toString() {
            return fileName;
        }
    }

    static final List<GoldenLog> GOLDEN = List.of(
            new GoldenLog(1, "updateTime", 1767254400L, "Unixt_1767254400_Sig-1_Log-Sys_updateTime.log", 163,
                    "dc86ff123101d806590c9d0532233789eed603549b56a6f4ca372be9e1aeb355"),
            new GoldenLog(2, "selfTest", 1767254400L, "Unixt_1767254400_Sig-2_Log-Sys_selfTest.log", 163,
                    "ebe506f4a6392b93ec47955bf169682dc935cd68a6c03309c99b4fdab4722bd3"),
            new GoldenLog(3, "unblockUser", 1767254430L, "Unixt_1767254430_Sig-3_Log-Sys_unblockUser.log", 165,
                    "8274e9b792d135b84279b83512e0c9513a47eb5672a78d02e232d44a1b8c2da9"),
            new GoldenLog(4, "authenticateUser", 1767254460L, "Unixt_1767254460_Sig-4_Log-Sys_authenticateUser.log",
                    173, "7def8479238e80ba875d2f06bb1a73e144a3c29793598f81ca0693871a9ef401"),
            new GoldenLog(5, "initialize", 1767254520L, "Unixt_1767254520_Sig-5_Log-Sys_initialize.log", 202,
                    "9a2305924a4f5e527655fa224ab5958d1daebfcf1432c36ae31a3f4a44f2e1da"),
            new GoldenLog(6, "registerClient", 1767254580L, "Unixt_1767254580_Sig-6_Log-Sys_registerClient.log", 168,
                    "d5368422ef18118d494d59c6076b92af23251204939a20e1fbcdb2041e6fc6df"),
            new GoldenLog(7, "logOut", 1767254590L, "Unixt_1767254590_Sig-7_Log-Sys_logOut.log", 160,
                    "8a770b797a288cb25d464ecd59221efa38681f589ecab49f2bcae7cd6fe6ebae"),
            new GoldenLog(8, "StartTransaction", 1767258000L,
                    "Unixt_1767258000_Sig-8_Log-Tra_No-1_Start_Client-KASSE-01.log", 175,
                    "1174ec7fb621869be66c168dae3274a1336d2d7ec7a19e503127c5d52f23b05d"),
            new GoldenLog(9, "FinishTransaction", 1767258012L,
                    "Unixt_1767258012_Sig-9_Log-Tra_No-1_Finish_Client-KASSE-01.log", 233,
                    "25b662726362a04329137f9a74ab675cea2872ed06f8bbb6df706e2feed7b561"),
            new GoldenLog(10, "authenticateUser", 1767261600L, "Unixt_1767261600_Sig-10_Log-Sys_authenticateUser.log",
                    173, "b906bfe551a489379024b7c92a79ec98400b4f81b5efcff3eacc12ac1ca9d57f"),
            new GoldenLog(11, "authenticateUser", 1767261610L, "Unixt_1767261610_Sig-11_Log-Sys_authenticateUser.log",
                    173, "f088f46580406e8fbf34317c6f22525c82e8c0ca5556e525abc711a8a9c5f606"),
            new GoldenLog(12, "deregisterClient", 1767261620L, "Unixt_1767261620_Sig-12_Log-Sys_deregisterClient.log",
                    170, "27c6e1252365001acb33b5bd144d2dc110cc27ef2b4502406b83392a6bb25f2c"),
            new GoldenLog(13, "disableSecureElement", 1767261630L,
                    "Unixt_1767261630_Sig-13_Log-Sys_disableSecureElement.log", 170,
                    "448d82ceb5c06feac12d2a2d646f5ab39055a5b0d2f01449b7b34bed342be761"));

    private TestVectors() {
    }

    static byte[] fiskalyFinish() {
        return hexDump("fiskaly-finish-12.1.hex");
    }

    static byte[] fiskalyStart() {
        return hexDump("fiskaly-start-12.2.hex");
    }

    static byte[] dtrustP384Finish() {
        return hexDump("dtrust-p384-finish-12.3.hex");
    }

    static byte[] golden(int counter) {
        return GOLDEN.get(counter - 1).bytes();
    }

    /** Reads a dump in the spec's format: a hex offset, two spaces, up to sixteen hex bytes per line. */
    static byte[] hexDump(String name) {
        String text = new String(resource("vectors/" + name), StandardCharsets.US_ASCII);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (String line : text.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String[] offsetAndBytes = line.split(" {2}", 2);
            if (Integer.parseInt(offsetAndBytes[0], 16) != bytes.size()) {
                throw new IllegalStateException(name + ": offset " + offsetAndBytes[0] + " does not follow on");
            }
            bytes.writeBytes(hex(offsetAndBytes[1].replace(" ", "")));
        }
        return bytes.toByteArray();
    }

    static byte[] resource(String path) {
        try (InputStream in = TestVectors.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex.replace(" ", ""));
    }

    static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A copy of {@code bytes} with the byte at {@code index} XORed with {@code mask}. */
    static byte[] flip(byte[] bytes, int index, int mask) {
        byte[] copy = bytes.clone();
        copy[index] ^= (byte) mask;
        return copy;
    }
}
