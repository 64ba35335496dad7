using System.Text.Json.Serialization;

namespace SmartGrid.Simulation.Load;

/// <summary>Source-generated JSON metadata for <see cref="LoadModelParameters"/> (camelCase, indented).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true, NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(LoadModelParameters))]
internal sealed partial class LoadModelJsonContext : JsonSerializerContext;
