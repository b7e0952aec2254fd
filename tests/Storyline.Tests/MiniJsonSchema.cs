using System.Text.Json.Nodes;

namespace Storyline.Tests;

/// <summary>
/// Checks a JSON value against the subset of JSON Schema our export schema uses (type, with null unions;
/// required; properties; items; enum; additionalProperties as a schema). No schema package is in our mirror.
/// </summary>
public static class MiniJsonSchema
{
    public static IReadOnlyList<string> Validate(JsonNode? value, JsonObject schema, string path = "$")
    {
        var errors = new List<string>();
        Check(value, schema, path, errors);
        return errors;
    }

    private static void Check(JsonNode? value, JsonObject schema, string path, List<string> errors)
    {
        if (schema["type"] is { } type)
        {
            var allowed = type is JsonArray a ? a.Select(t => t!.GetValue<string>()).ToList() : [type.GetValue<string>()];
            var actual = TypeOf(value);
            if (!allowed.Contains(actual) && !(actual == "integer" && allowed.Contains("number")))
            {
                errors.Add($"{path}: expected {string.Join("|", allowed)}, found {actual}");
                return;
            }
        }
        if (schema["enum"] is JsonArray options && value is not null && !options.Any(o => JsonNode.DeepEquals(o, value)))
            errors.Add($"{path}: '{value}' is not one of {options.ToJsonString()}");
        if (value is JsonObject obj)
        {
            if (schema["required"] is JsonArray required)
                foreach (var r in required.Select(r => r!.GetValue<string>()))
                    if (!obj.ContainsKey(r)) errors.Add($"{path}: missing required '{r}'");
            var properties = schema["properties"] as JsonObject;
            foreach (var (key, child) in obj)
            {
                if (properties?[key] is JsonObject childSchema) Check(child, childSchema, $"{path}.{key}", errors);
                else if (schema["additionalProperties"] is JsonObject extra) Check(child, extra, $"{path}.{key}", errors);
            }
        }
        if (value is JsonArray array && schema["items"] is JsonObject itemSchema)
            for (int i = 0; i < array.Count; i++) Check(array[i], itemSchema, $"{path}[{i}]", errors);
    }

    private static string TypeOf(JsonNode? value) => value switch
    {
        null => "null",
        JsonObject => "object",
        JsonArray => "array",
        JsonValue v when v.TryGetValue<string>(out _) => "string",
        JsonValue v when v.TryGetValue<bool>(out _) => "boolean",
        JsonValue v when v.TryGetValue<long>(out _) => "integer",
        JsonValue v when v.TryGetValue<int>(out _) => "integer",
        _ => "number",
    };
}
