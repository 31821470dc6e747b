using System.Text;

namespace LogFlux.Sinks.AspNetCore;

/// <summary>Builds the <c>http.url</c> attribute: no user info, no fragment, query values masked unless asked for.</summary>
internal static class UrlRedaction
{
    /// <summary>Replaces every query value by <c>*</c> and keeps the keys: <c>?a=1&amp;b</c> becomes <c>?a=*&amp;b</c>.</summary>
    /// <param name="query">The query string, with or without its leading <c>?</c>; null or empty gives an empty string.</param>
    public static string MaskQueryValues(string? query)
    {
        if (string.IsNullOrEmpty(query)) return string.Empty;
        var body = query[0] == '?' ? query.AsSpan(1) : query.AsSpan();
        if (body.IsEmpty) return string.Empty;
        var result = new StringBuilder(body.Length + 1).Append('?');
        var first = true;
        while (!body.IsEmpty)
        {
            var end = body.IndexOf('&');
            var pair = end < 0 ? body : body[..end];
            body = end < 0 ? ReadOnlySpan<char>.Empty : body[(end + 1)..];
            if (pair.IsEmpty) continue;
            if (!first) result.Append('&');
            first = false;
            var equals = pair.IndexOf('=');
            if (equals < 0)
            {
                result.Append(pair);
            }
            else
            {
                result.Append(pair[..equals]).Append("=*");
            }
        }
        return result.Length == 1 ? string.Empty : result.ToString();
    }

    /// <summary>The query part for <c>http.url</c>: as received, or with masked values.</summary>
    public static string Query(string? query, bool includeValues)
    {
        if (string.IsNullOrEmpty(query) || query == "?") return string.Empty;
        if (!includeValues) return MaskQueryValues(query);
        return query[0] == '?' ? query : "?" + query;
    }

    /// <summary><c>scheme://host[:port]/path[?query]</c> of an absolute URI, without user info or fragment.</summary>
    public static string Of(Uri uri, bool includeQueryValues)
    {
        if (!uri.IsAbsoluteUri) return uri.OriginalString.Split('?', 2)[0];
        return uri.Scheme + "://" + uri.Authority + uri.AbsolutePath + Query(uri.Query, includeQueryValues);
    }
}
