namespace WebsocketProxy.Generators.Model;

/// <summary>The subscription template of one channel name, with <c>{channel}</c> already replaced.</summary>
internal sealed record TemplateSpec(string ChannelName, string Subscribe, string Unsubscribe, string TopicFormat);
