package org.opentss.hub;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HtmlTest {

    @Test
    void markupInValuesIsShownAsTextNotRun() {
        assertThat(Html.esc("<script>alert('x')</script> & \"q\""))
                .isEqualTo("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;");
        assertThat(Html.esc("Café Morgenrot")).isEqualTo("Café Morgenrot");
    }

    @Test
    void timesAreShownInUtcAndMissingOnesAsADash() {
        assertThat(Html.time(1_764_770_400)).isEqualTo("2025-12-03 14:00:00 UTC");
        assertThat(Html.time(0)).isEqualTo("—");
    }
}
