package org.opentss.pos.sale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.opentss.pos.sale.TotalsCalculatorTest.line;
import static org.opentss.pos.sale.TotalsCalculatorTest.quantity;
import static org.opentss.pos.sale.TotalsCalculatorTest.workedExample;
import static org.opentss.testing.PosAssertions.assertQrVerifies;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opentss.http.Json;
import org.opentss.identity.Environment;
import org.opentss.testing.HttpResult;
import org.opentss.testing.ProvisionedTss;
import org.opentss.testing.TestServer;
import tools.jackson.databind.node.ObjectNode;

/**
 * Sales mapped onto TSS transactions: the receipt schema built from the computed totals is signed by the
 * TSS layer, and the processData in the independently verified QR code carries exactly the sale's amounts.
 */
class TseReceiptIT {

    private static TestServer server;
    private static String token;
    private static ProvisionedTss tss;

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of());
        token = server.accessToken(server.createApiKey(server.createOrganization("Sales").id(), Environment.TEST));
        tss = ProvisionedTss.provision(server, token, 1);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void theWorkedExampleSignsTheAmountsOfTheSpecification() {
        SaleTotals totals = workedExample();

        String qr = sign("FINISHED", TseReceipt.receipt(totals, List.of(new Payment("cash", 180, false))));

        assertThat(qr.split(";")[3]).isEqualTo("Beleg^-9.80_11.60_0.00_0.00_0.00^1.80:Bar");
        assertQrVerifies(qr);
    }

    @Test
    void cashComesBeforeNonCashAndOutboundPaymentsCountAgainstTheirKind() {
        SaleTotals totals = TotalsCalculator.compute(List.of(line("1", 651, TaxRate.STANDARD),
                line("2", 113, TaxRate.REDUCED)), List.of());
        List<Payment> payments = List.of(new Payment("card", 300, false), new Payment("voucher", 77, false),
                new Payment("cash", 600, false), new Payment("cash", 100, true));

        String qr = sign("FINISHED", TseReceipt.receipt(totals, payments));

        assertThat(qr.split(";")[3]).isEqualTo("Beleg^6.51_2.26_0.00_0.00_0.00^5.00:Bar_3.77:Unbar");
        assertQrVerifies(qr);
    }

    @Test
    void aNetReturnIsPaidOutAndPaymentKindsThatNetToZeroAreLeftOut() {
        SaleTotals totals = TotalsCalculator.compute(List.of(line("-2", 655, TaxRate.STANDARD),
                new SaleLine(quantity("1"), 100, TaxRate.ZERO, "tax_exempt", List.of(), Set.of())),
                List.of());
        List<Payment> payments = List.of(new Payment("card", 1210, true), new Payment("cash", 500, false),
                new Payment("cash", 500, true));

        String qr = sign("FINISHED", TseReceipt.receipt(totals, payments));

        assertThat(qr.split(";")[3]).isEqualTo("Beleg^-13.10_0.00_0.00_0.00_1.00^-12.10:Unbar");
        assertQrVerifies(qr);
    }

    @Test
    void aCancelledSaleSignsItsAmountsWithoutPayments() {
        SaleTotals totals = TotalsCalculator.compute(List.of(line("1", 350, TaxRate.STANDARD)), List.of());

        String qr = sign("CANCELLED", TseReceipt.cancellation(totals));

        assertThat(qr.split(";")[3]).isEqualTo("AVBelegabbruch^3.50_0.00_0.00_0.00_0.00^");
        assertQrVerifies(qr);
    }

    @Test
    void paymentsThatDoNotSettleTheTotalAreRefused() {
        SaleTotals totals = TotalsCalculator.compute(List.of(line("1", 350, TaxRate.STANDARD)), List.of());
        assertThatThrownBy(() -> TseReceipt.receipt(totals, List.of(new Payment("cash", 349, false))))
                .isInstanceOfSatisfying(SaleRuleViolation.class, e -> {
                    assertThat(e.code()).isEqualTo("payment_mismatch");
                    assertThat(e.param()).isEqualTo("payments");
                    assertThat(e.getMessage()).contains("3.49", "3.50");
                });
        assertThat(TseReceipt.receipt(TotalsCalculator.compute(List.of(), List.of()), List.of())
                .at("/standard_v1/receipt/amounts_per_payment_type").isEmpty()).isTrue();
    }

    /** Starts a transaction, finishes it with the schema and returns its QR code data. */
    private static String sign(String state, ObjectNode schema) {
        String tx = tss.path() + "/tx/" + UUID.randomUUID();
        HttpResult started = server.put(tx + "?tx_revision=1",
                "{\"state\":\"ACTIVE\",\"client_id\":\"" + tss.clientId() + "\"}", token);
        assertThat(started.status()).as(started.toString()).isEqualTo(200);
        ObjectNode finish = Json.object().put("state", state).put("client_id", tss.clientId());
        finish.set("schema", schema);
        HttpResult finished = server.put(tx + "?tx_revision=2", Json.writeString(finish), token);
        assertThat(finished.status()).as(finished.toString()).isEqualTo(200);
        return finished.json().get("qr_code_data").asString();
    }
}
