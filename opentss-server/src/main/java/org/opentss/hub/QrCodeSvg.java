package org.opentss.hub;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;

/**
 * Draws a receipt's QR code (DSFinV-K Anhang I) as inline SVG: one path of dark modules, so the page needs no
 * image file, script or style, and prints sharp at any size.
 */
final class QrCodeSvg {

    /** The quiet zone around the code, in modules, as ISO/IEC 18004 asks for. */
    private static final int QUIET_ZONE = 4;
    /**
     * CSS pixels per module. A whole number draws every module the same size, so the code is as sharp on screen
     * as in print: fitted into a fixed 12rem, a receipt's code (77 modules) got 2.26 px per module, drawn as a
     * mix of 2 and 3 px wide ones.
     */
    private static final int MODULE_PX = 3;

    private QrCodeSvg() {
    }

    static String of(String data, String label) {
        Map<EncodeHintType, Object> hints = new EnumMap<>(EncodeHintType.class);
        hints.put(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M);
        hints.put(EncodeHintType.MARGIN, QUIET_ZONE);
        if (!StandardCharsets.ISO_8859_1.newEncoder().canEncode(data)) {
            // only then: an ECI header confuses some receipt scanners, and the QR code data is ASCII as a rule
            hints.put(EncodeHintType.CHARACTER_SET, StandardCharsets.UTF_8.name());
        }
        BitMatrix matrix;
        try {
            matrix = new QRCodeWriter().encode(data, BarcodeFormat.QR_CODE, 0, 0, hints);
        } catch (WriterException e) {
            throw new IllegalArgumentException("QR code data does not fit a QR code", e);
        }
        StringBuilder path = new StringBuilder();
        for (int y = 0; y < matrix.getHeight(); y++) {
            for (int x = 0; x < matrix.getWidth(); x++) {
                if (matrix.get(x, y)) {
                    path.append('M').append(x).append(',').append(y).append("h1v1h-1z");
                }
            }
        }
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + matrix.getWidth() + " " + matrix.getHeight()
                + "\" width=\"" + matrix.getWidth() * MODULE_PX + "\" height=\"" + matrix.getHeight() * MODULE_PX
                + "\" shape-rendering=\"crispEdges\" role=\"img\" aria-label=\"" + Html.esc(label) + "\">"
                + "<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/><path fill=\"#000\" d=\"" + path + "\"/></svg>";
    }
}
