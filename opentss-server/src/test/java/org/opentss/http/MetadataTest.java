package org.opentss.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetadataTest {

    @Test
    void storedMetadataReadsBackAsWrittenInItsOrder() {
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("zeta", "1");
        metadata.put("alpha", "\u00fcber \"quoted\"");
        assertThat(Metadata.fromJson(Metadata.toJson(metadata))).containsExactlyEntriesOf(metadata);
    }

    @Test
    void noStoredMetadataReadsBackAsAnEmptyMapThatAChangeCanBeMergedInto() {
        Map<String, String> read = Metadata.fromJson(Metadata.toJson(Map.of()));
        assertThat(read).isEmpty();
        read.put("added", "later");
        assertThat(read).containsExactly(Map.entry("added", "later"));
    }
}
