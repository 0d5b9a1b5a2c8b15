package org.prooftrail.chaincode.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.prooftrail.chaincode.contract.ChaincodeHarness.HOSPITAL_A;
import static org.prooftrail.chaincode.contract.ChaincodeHarness.HOSPITAL_B;
import static org.prooftrail.chaincode.contract.ChaincodeHarness.user;
import static org.prooftrail.chaincode.contract.Json.artifact;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.prooftrail.chaincode.contract.ChaincodeHarness.Result;
import org.prooftrail.chaincode.simulation.Identity;
import org.prooftrail.protocol.Role;

/**
 * {@code artifact:List} reads through composite-key indexes, so what a page costs (keys read from the ledger)
 * depends on the page size and not on how many artifacts the ledger holds. The ledger starts with 10 hospital-a
 * datasets, is measured, then grows to 10,000 artifacts of several kinds and two owners through real
 * registrations, and is measured again.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ListCostTest {
    private static final Identity CURATOR_A = user(HOSPITAL_A, Role.CURATOR);
    private static final Identity CURATOR_B = user(HOSPITAL_B, Role.CURATOR);
    private static final String[] KINDS = {"DATASET", "MODEL", "CODE", "CONFIG"};
    private static final int LARGE = 10_000;

    private static final Map<String, Map<String, Object>> QUERIES = Map.of(
            "no filter", Map.of(),
            "by kind", Map.of("kind", "DATASET"),
            "by owner", Map.of("owner", HOSPITAL_A),
            "by kind and owner", Map.of("kind", "DATASET", "owner", HOSPITAL_A));

    private final ChaincodeHarness ledger = new ChaincodeHarness();
    private final Map<String, Long> smallCost = new java.util.TreeMap<>();
    private final Map<String, Long> smallCostOfTwenty = new java.util.TreeMap<>();

    @BeforeAll
    void measureTenThenGrowToTenThousand() {
        for (int i = 0; i < 10; i++) {
            register(CURATOR_A, String.format("a-%05d", i), "DATASET");
        }
        QUERIES.forEach((name, filter) -> {
            smallCost.put(name, keysRead(filter, 10, 10));
            smallCostOfTwenty.put(name, keysRead(filter, 20, 10));
        });
        for (int i = 10; i < LARGE; i++) {
            register(i % 3 == 0 ? CURATOR_B : CURATOR_A, String.format("a-%05d", i), KINDS[i % KINDS.length]);
        }
    }

    private void register(Identity curator, String id, String kind) {
        Result result = ledger.submit(curator, "artifact:Register", artifact(id, kind));
        assertThat(result.ok()).as(result.toString()).isTrue();
    }

    /** Keys read by one page, checking that the page holds {@code expectedItems} artifacts. */
    private long keysRead(Map<String, Object> filter, int pageSize, int expectedItems) {
        Map<String, Object> query = new java.util.LinkedHashMap<>(filter);
        query.put("pageSize", pageSize);
        Result result = ledger.evaluate(CURATOR_A, "artifact:List", Json.of(query));
        assertThat(result.ok()).as(result.toString()).isTrue();
        @SuppressWarnings("unchecked")
        List<Object> items = (List<Object>) result.json().get("items");
        assertThat(items).as("page of %s for %s", pageSize, filter).hasSize(expectedItems);
        return result.stub().keysRead();
    }

    @Test
    void a_page_of_ten_reads_as_many_keys_from_ten_thousand_artifacts_as_from_ten() {
        QUERIES.forEach((name, filter) -> assertThat(keysRead(filter, 10, 10))
                .as("keys read listing %s", name)
                .isEqualTo(smallCost.get(name)));
    }

    @Test
    void a_page_of_ten_reads_a_few_keys_per_artifact_on_the_page() {
        QUERIES.forEach((name, filter) -> assertThat(keysRead(filter, 10, 10))
                .as("keys read listing %s", name)
                .isBetween(10L, 10L * 4 + 2));
    }

    @Test
    void a_page_of_twenty_reads_about_twice_as_many_keys_as_a_page_of_ten() {
        QUERIES.forEach((name, filter) -> {
            long ten = keysRead(filter, 10, 10);
            long twenty = keysRead(filter, 20, 20);
            assertThat(twenty).as("keys read listing 20 %s", name).isBetween(2 * ten - 2, 2 * ten + 2);
        });
    }

    @Test
    void the_next_page_costs_what_the_first_page_cost() {
        QUERIES.forEach((name, filter) -> {
            Map<String, Object> query = new java.util.LinkedHashMap<>(filter);
            query.put("pageSize", 10);
            Result first = ledger.evaluate(CURATOR_A, "artifact:List", Json.of(query));
            query.put("bookmark", first.json().get("bookmark"));
            Result second = ledger.evaluate(CURATOR_A, "artifact:List", Json.of(query));

            assertThat(second.ok()).as(second.toString()).isTrue();
            assertThat(second.stub().keysRead())
                    .as("keys read for the second page %s", name)
                    .isBetween(first.stub().keysRead() - 1, first.stub().keysRead() + 1);
        });
    }

    @Test
    void on_the_small_ledger_too_the_cost_follows_the_page_not_the_ledger() {
        // Twenty asked for on a ledger of ten: a page of ten, at the cost of a page of ten (give or take the
        // end-of-range probe).
        smallCost.forEach(
                (name, cost) -> assertThat(smallCostOfTwenty.get(name)).as(name).isBetween(cost - 1, cost + 1));
    }
}
