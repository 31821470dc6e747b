using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Configuration;
using Microsoft.Extensions.Options;
using LogFlux.Sinks.Options;

namespace LogFlux.Extensions.Logging.Internal;

/// <summary>
/// Reads the provider's configuration section (<c>Logging:LogFlux</c>, merged by MEL with
/// <c>Logging:LogFlux.Extensions.Logging.LogFluxLoggerProvider</c>) with the option names and value forms of
/// <see cref="LogFluxOptionText"/>. No reflection-based binding, so it stays trimming- and AOT-safe. Every
/// unknown key and invalid value becomes a problem text that the provider reports at start-up; an invalid
/// value leaves its option unset (environment variable or default).
/// </summary>
internal sealed class ConfigurationOptionsSetup : IConfigureOptions<LogFluxLoggerOptions>
{
    /// <summary>How the section is named in problem texts.</summary>
    public const string SectionName = "Logging:LogFlux";

    private const string LogLevelKey = "LogLevel";
    private const string IncludeScopesKey = nameof(LogFluxLoggerOptions.IncludeScopes);
    private const string LevelMappingKey = nameof(LogFluxLoggerOptions.LevelMapping);

    private static readonly string[] s_providerKeys = [LogLevelKey, IncludeScopesKey, LevelMappingKey];

    private readonly IConfiguration _section;

    public ConfigurationOptionsSetup(ILoggerProviderConfiguration<LogFluxLoggerProvider> configuration) => _section = configuration.Configuration;

    /// <summary>Every key the section accepts.</summary>
    public static IEnumerable<string> KnownKeys => s_providerKeys.Concat(LogFluxOptionText.OptionNames);

    public void Configure(LogFluxLoggerOptions options) => Apply(_section, options);

    /// <summary>Applies the section's values to <paramref name="options"/>, recording each problem in it.</summary>
    public static void Apply(IConfiguration section, LogFluxLoggerOptions options)
    {
        foreach (var child in section.GetChildren())
        {
            var key = child.Key;
            if (key.Equals(LogLevelKey, StringComparison.OrdinalIgnoreCase)) continue;
            var hasChildren = child.GetChildren().Any();
            if (!IsKnown(key))
            {
                var closest = LogFluxOptionText.ClosestName(key, KnownKeys);
                options.ConfigurationProblems.Add(
                    $"{SectionName}: unknown key '{key}'{(closest is null ? "" : $" (did you mean '{closest}'?)")}; it is ignored. Known keys: {string.Join(", ", KnownKeys)}.");
                continue;
            }
            if (hasChildren)
            {
                options.ConfigurationProblems.Add($"{SectionName}:{key} expects a single value, not a section; it is ignored.");
                continue;
            }
            if (key.Equals(IncludeScopesKey, StringComparison.OrdinalIgnoreCase))
            {
                if (string.IsNullOrWhiteSpace(child.Value)) continue;
                if (LogFluxOptionText.TryParseBool(child.Value, out var include)) options.IncludeScopes = include;
                else options.ConfigurationProblems.Add($"{SectionName}:{IncludeScopesKey}: '{child.Value.Trim()}' is not valid; expected {LogFluxOptionText.BooleanForms}. The default (true) applies.");
                continue;
            }
            if (key.Equals(LevelMappingKey, StringComparison.OrdinalIgnoreCase))
            {
                if (!string.IsNullOrWhiteSpace(child.Value)) options.LevelMapping = child.Value.Trim();
                continue;
            }
            if (!LogFluxOptionText.TrySet(options.ClientOptions, key, child.Value, out var problem))
            {
                options.ConfigurationProblems.Add($"{SectionName}: {problem} The LOGFLUX_* environment variable or the default applies instead.");
            }
        }
    }

    private static bool IsKnown(string key) =>
        s_providerKeys.Contains(key, StringComparer.OrdinalIgnoreCase) || LogFluxOptionText.OptionNames.Contains(key, StringComparer.OrdinalIgnoreCase);
}
