package org.opentss.journal;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The OpenTSS golden sequence of tse-formats.md §12.5 as a known-answer test: every file is rebuilt
 * with the encoder and the deterministic golden key and must match the spec's SHA-256 and name.
 */
class GoldenSequenceTest {

    private static final String GOLDEN_PUBLIC_KEY =
            "0460fed4ba255a9d31c961eb74c6356d68c049b8923b61fa6ce669622e60f29fb6"
                    + "7903fe1008b8bc99a41ae9e95628bc64f2f1b20c2d7e9f5177a3c294d4462299";
    private static final String TSS_ID = "6b0d1a7e-2f4c-4c59-9a1e-3b8f5d2c7e10";
    private static final String CLIENT = "KASSE-01";
    private static final byte[] NONE = new byte[0];
    private static final TransactionData START =
            new TransactionData(TransactionPhase.START, CLIENT, NONE, "", 1);
    private static final TransactionData FINISH = new TransactionData(TransactionPhase.FINISH, CLIENT,
            "Beleg^21.42_0.00_0.00_0.00_0.00^21.42:Unbar".getBytes(US_ASCII), "Kassenbeleg-V1", 1);

    /** One row of the §12.5 table; the signature counter is the row number. */
    record GoldenLog(CertifiedData data, long signatureCounter, long logTime, String fileName, int size, String sha256) {
    }

    static Stream<Arguments> sequence() {
        return Stream.of(
                log(SystemEvents.updateTime(0, 1767254400L), 1, 1767254400L,
                        "Unixt_1767254400_Sig-1_Log-Sys_updateTime.log", 163,
                        "dc86ff123101d806590c9d0532233789eed603549b56a6f4ca372be9e1aeb355"),
                log(SystemEvents.selfTest(), 2, 1767254400L,
                        "Unixt_1767254400_Sig-2_Log-Sys_selfTest.log", 163,
                        "ebe506f4a6392b93ec47955bf169682dc935cd68a6c03309c99b4fdab4722bd3"),
                log(SystemEvents.unblockUser(true), 3, 1767254430L,
                        "Unixt_1767254430_Sig-3_Log-Sys_unblockUser.log", 165,
                        "8274e9b792d135b84279b83512e0c9513a47eb5672a78d02e232d44a1b8c2da9"),
                log(SystemEvents.authenticateUser(true), 4, 1767254460L,
                        "Unixt_1767254460_Sig-4_Log-Sys_authenticateUser.log", 173,
                        "7def8479238e80ba875d2f06bb1a73e144a3c29793598f81ca0693871a9ef401"),
                log(SystemEvents.initialize("OpenTSS (" + TSS_ID + ")"), 5, 1767254520L,
                        "Unixt_1767254520_Sig-5_Log-Sys_initialize.log", 202,
                        "9a2305924a4f5e527655fa224ab5958d1daebfcf1432c36ae31a3f4a44f2e1da"),
                log(SystemEvents.registerClient(CLIENT), 6, 1767254580L,
                        "Unixt_1767254580_Sig-6_Log-Sys_registerClient.log", 168,
                        "d5368422ef18118d494d59c6076b92af23251204939a20e1fbcdb2041e6fc6df"),
                log(SystemEvents.logOut(), 7, 1767254590L,
                        "Unixt_1767254590_Sig-7_Log-Sys_logOut.log", 160,
                        "8a770b797a288cb25d464ecd59221efa38681f589ecab49f2bcae7cd6fe6ebae"),
                log(START, 8, 1767258000L,
                        "Unixt_1767258000_Sig-8_Log-Tra_No-1_Start_Client-KASSE-01.log", 175,
                        "1174ec7fb621869be66c168dae3274a1336d2d7ec7a19e503127c5d52f23b05d"),
                log(FINISH, 9, 1767258012L,
                        "Unixt_1767258012_Sig-9_Log-Tra_No-1_Finish_Client-KASSE-01.log", 233,
                        "25b662726362a04329137f9a74ab675cea2872ed06f8bbb6df706e2feed7b561"),
                log(SystemEvents.authenticateUser(false), 10, 1767261600L,
                        "Unixt_1767261600_Sig-10_Log-Sys_authenticateUser.log", 173,
                        "b906bfe551a489379024b7c92a79ec98400b4f81b5efcff3eacc12ac1ca9d57f"),
                log(SystemEvents.authenticateUser(true), 11, 1767261610L,
                        "Unixt_1767261610_Sig-11_Log-Sys_authenticateUser.log", 173,
                        "f088f46580406e8fbf34317c6f22525c82e8c0ca5556e525abc711a8a9c5f606"),
                log(SystemEvents.deregisterClient(CLIENT), 12, 1767261620L,
                        "Unixt_1767261620_Sig-12_Log-Sys_deregisterClient.log", 170,
                        "27c6e1252365001acb33b5bd144d2dc110cc27ef2b4502406b83392a6bb25f2c"),
                log(SystemEvents.disableSecureElement(1767261630L), 13, 1767261630L,
                        "Unixt_1767261630_Sig-13_Log-Sys_disableSecureElement.log", 170,
                        "448d82ceb5c06feac12d2a2d646f5ab39055a5b0d2f01449b7b34bed342be761"));
    }

    private static Arguments log(
            CertifiedData data, long signatureCounter, long logTime, String fileName, int size, String sha256) {
        return argumentSet("Sig-" + signatureCounter,
                new GoldenLog(data, signatureCounter, logTime, fileName, size, sha256));
    }

    private static byte[] serialNumber() {
        return SerialNumber.of(GoldenTestKey.publicPoint());
    }

    private static byte[] dtbs(CertifiedData data, long signatureCounter, long logTime) {
        return LogMessageEncoder.dataToBeSigned(
                data, serialNumber(), SignatureAlgorithm.ECDSA_PLAIN_SHA256, signatureCounter, logTime);
    }

    private static byte[] file(CertifiedData data, long signatureCounter, long logTime) {
        byte[] dtbs = dtbs(data, signatureCounter, logTime);
        return LogMessageEncoder.logMessage(dtbs, GoldenTestKey.sign(dtbs));
    }

    @Test
    void goldenKeyIsTheSpecsKey() {
        assertThat(HexFormat.of().formatHex(GoldenTestKey.publicPoint())).isEqualTo(GOLDEN_PUBLIC_KEY);
    }

    @ParameterizedTest
    @MethodSource("sequence")
    void fileHasTheGoldenHashSizeAndName(GoldenLog golden) {
        byte[] file = file(golden.data(), golden.signatureCounter(), golden.logTime());
        assertThat(file).hasSize(golden.size());
        assertThat(SpecHex.hex(GoldenTestKey.sha256(file))).isEqualTo(golden.sha256());
        assertThat(LogFileName.of(golden.data(), golden.signatureCounter(), golden.logTime()))
                .isEqualTo(golden.fileName());
    }

    /** What the server does: the JDK's P1363 ECDSA accepts the encoder's DTBS and plain signatures. */
    @ParameterizedTest
    @MethodSource("sequence")
    void signatureVerifiesWithTheJcaAlgorithm(GoldenLog golden) throws Exception {
        byte[] file = file(golden.data(), golden.signatureCounter(), golden.logTime());
        byte[] dtbs = dtbs(golden.data(), golden.signatureCounter(), golden.logTime());
        byte[] signature = Arrays.copyOfRange(file, file.length - 64, file.length);

        Signature verifier = Signature.getInstance(SignatureAlgorithm.ECDSA_PLAIN_SHA256.jcaName());
        verifier.initVerify(goldenPublicKey());
        verifier.update(dtbs);
        assertThat(verifier.verify(signature)).isTrue();
    }

    @Test
    void startTransactionIsTheWorkedExampleOfSection18() {
        byte[] file = file(START, 8, 1767258000L);
        assertThat(SpecHex.hex(file)).isEqualTo(SpecHex.hex(SpecHex.dump("""
                0000  30 81 ac 02 01 02 06 09 04 00 7f 00 07 03 07 01
                0010  01 80 10 53 74 61 72 74 54 72 61 6e 73 61 63 74
                0020  69 6f 6e 81 08 4b 41 53 53 45 2d 30 31 82 00 83
                0030  00 85 01 01 04 20 b1 8b 86 ce 13 89 e4 6d e8 7a
                0040  a4 a5 13 1c e8 3c 11 60 fa 33 c0 87 ab 15 b8 63
                0050  57 4d 31 d8 ff 3c 30 0c 06 0a 04 00 7f 00 07 01
                0060  01 04 01 03 02 01 08 02 04 69 56 37 90 04 40 5b
                0070  e8 ca d6 bd f5 b3 ca 8c 53 0f c1 3c 17 15 7a 75
                0080  ee 07 0e 39 c2 8c e9 e2 e8 40 4b 08 71 ce 75 b8
                0090  c7 e9 7f 4f 7a 56 c1 4a 4a d9 ff 56 e7 8b 82 29
                00a0  e6 cf e0 48 63 ba 87 ba b4 0a 34 96 bb cd dd
                """)));
        // "The signed bytes are offsets 0x0003–0x006C (106 bytes)"
        assertThat(dtbs(START, 8, 1767258000L)).isEqualTo(Arrays.copyOfRange(file, 0x03, 0x6D)).hasSize(106);
    }

    @Test
    void authenticateUserIsTheExampleOfSection55() {
        byte[] file = file(SystemEvents.authenticateUser(true), 4, 1767254460L);
        assertThat(SpecHex.hex(file)).isEqualTo(SpecHex.hex(SpecHex.dump("""
                0000  30 81 aa 02 01 02 06 09 04 00 7f 00 07 03 07 01
                0010  02 80 10 61 75 74 68 65 6e 74 69 63 61 74 65 55
                0020  73 65 72 81 0d 81 05 61 64 6d 69 6e 82 01 01 83
                0030  01 ff 04 20 b1 8b 86 ce 13 89 e4 6d e8 7a a4 a5
                0040  13 1c e8 3c 11 60 fa 33 c0 87 ab 15 b8 63 57 4d
                0050  31 d8 ff 3c 30 0c 06 0a 04 00 7f 00 07 01 01 04
                0060  01 03 02 01 04 02 04 69 56 29 bc 04 40 e4 28 d9
                0070  9a 95 41 a4 38 2a c6 68 8a 4c 89 57 0f 73 04 08
                0080  48 74 d0 9d cb bb 43 ab 80 36 cd d4 ce 08 39 3b
                0090  a6 94 e5 f9 53 cb cf 06 f3 98 41 6a 0a 6c 48 bb
                00a0  86 5f ea 44 5a bb 29 5b 83 47 a3 ff 64
                """)));
        // "DTBS = offsets 0x0003–0x006A (104 bytes)"
        assertThat(dtbs(SystemEvents.authenticateUser(true), 4, 1767254460L))
                .isEqualTo(Arrays.copyOfRange(file, 0x03, 0x6B)).hasSize(104);
    }

    /** The receipt QR code of transaction 1 (§7.1, §12.5) is built from the Sig-9 Finish log and the key alone. */
    @Test
    void finishLogCarriesWhatTheQrCodeShows() {
        String qrCode = "V0;KASSE-01;Kassenbeleg-V1;Beleg^21.42_0.00_0.00_0.00_0.00^21.42:Unbar;1;9;"
                + "2026-01-01T09:00:00.000Z;2026-01-01T09:00:12.000Z;ecdsa-plain-SHA256;unixTime;"
                + "9irXgzsGnn9vIJXzFQHTvot+UHHGUIjVqFjQpx8dFCVzbEL1lUMafXhtjhBon1Dd88XD/Y+YPzMAcP8NjkXMPA==;"
                + "BGD+1LolWp0xyWHrdMY1bWjASbiSO2H6bOZpYi5g8p+2eQP+EAi4vJmkGunpVii8ZPLxsgwtfp9Rd6PClNRGIpk=";
        String[] field = qrCode.split(";");
        byte[] file = file(FINISH, 9, 1767258012L);

        // §7.3: the Finish DTBS rebuilt from QR fields 2–6, 8, 9 and 12 alone
        byte[] rebuilt = Der.concat(
                SpecHex.bytes("02 01 02 06 09 04 00 7F 00 07 03 07 01 01 80 11 \"FinishTransaction\""),
                Der.tlv(0x81, field[1].getBytes(US_ASCII)),
                Der.tlv(0x82, field[3].getBytes(US_ASCII)),
                Der.tlv(0x83, field[2].getBytes(US_ASCII)),
                Der.integer(0x85, Long.parseLong(field[4])),
                Der.tlv(Der.OCTET_STRING, GoldenTestKey.sha256(Base64.getDecoder().decode(field[11]))),
                SpecHex.bytes("30 0C 06 0A 04 00 7F 00 07 01 01 04 01 03"),
                Der.integer(Der.INTEGER, Long.parseLong(field[5])),
                Der.integer(Der.INTEGER, 1767258012L)); // field 8, 2026-01-01T09:00:12.000Z
        assertThat(SpecHex.hex(Arrays.copyOfRange(file, 3, file.length - 66))).isEqualTo(SpecHex.hex(rebuilt));

        assertThat(field[8]).isEqualTo(SignatureAlgorithm.ECDSA_PLAIN_SHA256.apiName());
        assertThat(Base64.getEncoder().encodeToString(Arrays.copyOfRange(file, file.length - 64, file.length)))
                .isEqualTo(field[10]);
        assertThat(Base64.getEncoder().encodeToString(GoldenTestKey.publicPoint())).isEqualTo(field[11]);
    }

    private static PublicKey goldenPublicKey() throws Exception {
        byte[] point = GoldenTestKey.publicPoint();
        AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
        parameters.init(new ECGenParameterSpec("secp256r1"));
        ECPoint w = new ECPoint(
                new BigInteger(1, Arrays.copyOfRange(point, 1, 33)), new BigInteger(1, Arrays.copyOfRange(point, 33, 65)));
        return KeyFactory.getInstance("EC")
                .generatePublic(new ECPublicKeySpec(w, parameters.getParameterSpec(ECParameterSpec.class)));
    }
}
