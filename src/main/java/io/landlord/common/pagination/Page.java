package io.landlord.common.pagination;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;
import java.util.function.Function;

/** One page of a list: {@code nextCursor} is absent on the last page. */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Page<T>(List<T> data, String nextCursor) {

    /**
     * Builds the page from rows fetched with {@code limit + 1}: the extra row only says a next page exists;
     * the cursor points after the last row returned.
     */
    public static <R, T> Page<T> of(List<R> rows, PageRequest request, Function<R, List<Object>> keyOf, Function<R, T> toBody) {
        boolean more = rows.size() > request.limit();
        List<R> shown = more ? rows.subList(0, request.limit()) : rows;
        String next = more ? Cursors.encode(keyOf.apply(shown.get(shown.size() - 1))) : null;
        return new Page<>(shown.stream().map(toBody).toList(), next);
    }
}
