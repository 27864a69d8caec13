package io.landlord.event;

import static org.hamcrest.Matchers.hasSize;

import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** Walks {@code GET /v1/events} one event per page, following each page's cursor. */
final class EventPages {

    private EventPages() {
    }

    /**
     * The ids of the events {@code request} lists (with {@code type} as a filter when not null), one per page, stopping
     * at the last page or after {@code most} pages.
     */
    static List<String> walkOneByOne(Supplier<RequestSpecification> request, String type, int most) {
        List<String> walked = new ArrayList<>();
        String cursor = null;
        do {
            RequestSpecification page = request.get().queryParam("limit", 1);
            if (type != null) {
                page = page.queryParam("type", type);
            }
            if (cursor != null) {
                page = page.queryParam("cursor", cursor);
            }
            JsonPath body = page.get("/v1/events").then().statusCode(200).body("data", hasSize(1)).extract().jsonPath();
            walked.add(body.getString("data[0].id"));
            cursor = body.getString("nextCursor");
        } while (cursor != null && walked.size() < most);
        return walked;
    }
}
