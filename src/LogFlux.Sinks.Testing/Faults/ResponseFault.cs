using System.Globalization;
using System.Text;
using LogFlux.Sinks.Testing.Hosting;

namespace LogFlux.Sinks.Testing.Faults;

/// <summary>Answers with a fixed status and body without processing the request.</summary>
internal sealed class ResponseFault(string description, int statusCode, string? body, string contentType, TimeSpan? retryAfter)
    : Fault(description)
{
    internal override async Task HandleAsync(Exchange exchange)
    {
        await exchange.ReadBodyAsync().ConfigureAwait(false);
        string reason = "injected fault " + Description;
        var headers = new Dictionary<string, string>();
        if (retryAfter is { } wait)
        {
            headers["Retry-After"] = ((long)Math.Ceiling(Math.Max(0, wait.TotalSeconds))).ToString(CultureInfo.InvariantCulture);
        }

        var outcome = new EndpointOutcome
        {
            StatusCode = statusCode,
            Body = body is null ? JsonBodies.Error(JsonBodies.CodeFor(statusCode), reason, exchange.Number) : Encoding.UTF8.GetBytes(body),
            ContentType = contentType,
            Headers = headers,
            RejectionReason = reason,
            PartCount = exchange.InspectIngestBody().PartCount,
        };
        await exchange.RespondAsync(exchange.Record(outcome, aborted: false)).ConfigureAwait(false);
    }
}
