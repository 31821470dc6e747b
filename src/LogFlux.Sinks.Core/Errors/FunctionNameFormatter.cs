using System.Text;

namespace LogFlux.Sinks.Errors;

/// <summary>
/// Turns a declaring type name and a method name into the <c>Namespace.Type.Method</c> form of docs/protocol.md#error-capture,
/// undoing the names the compiler gives to async/iterator state machines, lambdas and local functions:
/// <c>Shop.OrderService+&lt;PlaceAsync&gt;d__3.MoveNext</c> becomes <c>Shop.OrderService.PlaceAsync</c>.
/// </summary>
internal static class FunctionNameFormatter
{
    public static string Format(string? declaringTypeName, string? methodName)
    {
        var method = CleanMethod(methodName);
        var type = new StringBuilder();
        string? stateMachineMethod = null;
        if (!string.IsNullOrEmpty(declaringTypeName))
        {
            foreach (var segment in declaringTypeName.Split('+'))
            {
                if (segment.StartsWith('<'))
                {
                    // <Foo>d__3 (async/iterator state machine) names the user method; <>c and
                    // <>c__DisplayClass3_0 (closures) carry nothing useful.
                    var inner = CleanMethod(AngleContent(segment));
                    if (!string.IsNullOrEmpty(inner)) stateMachineMethod = inner;
                    continue;
                }
                if (type.Length > 0) type.Append('.');
                type.Append(StripArity(segment));
            }
        }
        if (stateMachineMethod is not null && method is "MoveNext" or "SetStateMachine" or null or "")
        {
            method = stateMachineMethod;
        }
        if (type.Length == 0) return string.IsNullOrEmpty(method) ? "unknown" : method!;
        return string.IsNullOrEmpty(method) ? type.ToString() : type.Append('.').Append(method).ToString();
    }

    private static string? CleanMethod(string? method)
    {
        if (string.IsNullOrEmpty(method) || method[0] != '<') return method;
        // <Outer>b__0_0 is a lambda inside Outer; <Outer>g__Local|0_0 is the local function Local inside Outer.
        var outer = CleanMethod(AngleContent(method));
        var localStart = method.IndexOf(">g__", StringComparison.Ordinal);
        if (localStart >= 0)
        {
            var nameStart = localStart + 4;
            var bar = method.IndexOf('|', nameStart);
            var local = bar > nameStart ? method[nameStart..bar] : method[nameStart..];
            return string.IsNullOrEmpty(outer) ? local : outer + "." + local;
        }
        return string.IsNullOrEmpty(outer) ? method : outer;
    }

    /// <summary>The text inside the leading <c>&lt;…&gt;</c>, brackets balanced (<c>&lt;&lt;Main&gt;$&gt;d__0</c> holds <c>&lt;Main&gt;$</c>).</summary>
    private static string AngleContent(string segment)
    {
        var depth = 0;
        for (var i = 0; i < segment.Length; i++)
        {
            if (segment[i] == '<') depth++;
            else if (segment[i] == '>' && --depth == 0) return i > 1 ? segment[1..i] : string.Empty;
        }
        return string.Empty;
    }

    private static string StripArity(string segment)
    {
        var tick = segment.IndexOf('`');
        return tick > 0 ? segment[..tick] : segment;
    }
}
