namespace LogFlux.Sinks.Options;

/// <summary>The form of an option's value in configuration text and environment variables.</summary>
internal enum OptionKind
{
    /// <summary>Free text, used as written (trimmed).</summary>
    Text,

    /// <summary>An absolute URL.</summary>
    Url,

    /// <summary>A whole number.</summary>
    WholeNumber,

    /// <summary>A number of bytes, optionally with KB, MB or GB.</summary>
    Size,

    /// <summary>A number with '.' as the decimal separator.</summary>
    Decimal,

    /// <summary>true/false, 1/0, yes/no, on/off.</summary>
    Boolean,

    /// <summary>A duration with a unit, a TimeSpan text, or a plain number in the option's unit.</summary>
    Duration,

    /// <summary>A LogFlux level by name or number.</summary>
    Level,
}
