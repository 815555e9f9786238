/** The parts of `AWS::CloudFront::ResponseHeadersPolicy`'s config the page's responses carry. */
export interface ResponseHeadersPolicyConfig {
  Name?: string;
  SecurityHeadersConfig?: {
    ContentSecurityPolicy?: { ContentSecurityPolicy: string; Override: boolean };
    ContentTypeOptions?: { Override: boolean };
    FrameOptions?: { FrameOption: string; Override: boolean };
    ReferrerPolicy?: { ReferrerPolicy: string; Override: boolean };
    StrictTransportSecurity?: {
      AccessControlMaxAgeSec: number;
      IncludeSubdomains?: boolean;
      Preload?: boolean;
      Override: boolean;
    };
    XSSProtection?: {
      Protection: boolean;
      ModeBlock?: boolean;
      ReportUri?: string;
      Override: boolean;
    };
  };
  CustomHeadersConfig?: { Items: { Header: string; Value: string; Override: boolean }[] };
  RemoveHeadersConfig?: { Items: { Header: string }[] };
  CorsConfig?: unknown;
  ServerTimingHeadersConfig?: unknown;
}

interface HeaderRule {
  name: string;
  value: string;
  override: boolean;
}

/** A policy's headers as rules, in the order CloudFront documents them. */
export function headerRules(config: ResponseHeadersPolicyConfig): HeaderRule[] {
  const rules: HeaderRule[] = [];
  const s = config.SecurityHeadersConfig ?? {};
  if (s.ContentSecurityPolicy) {
    rules.push({
      name: 'content-security-policy',
      value: s.ContentSecurityPolicy.ContentSecurityPolicy,
      override: s.ContentSecurityPolicy.Override,
    });
  }
  if (s.ContentTypeOptions) {
    rules.push({
      name: 'x-content-type-options',
      value: 'nosniff',
      override: s.ContentTypeOptions.Override,
    });
  }
  if (s.FrameOptions) {
    rules.push({
      name: 'x-frame-options',
      value: s.FrameOptions.FrameOption,
      override: s.FrameOptions.Override,
    });
  }
  if (s.ReferrerPolicy) {
    rules.push({
      name: 'referrer-policy',
      value: s.ReferrerPolicy.ReferrerPolicy,
      override: s.ReferrerPolicy.Override,
    });
  }
  if (s.StrictTransportSecurity) {
    const hsts = s.StrictTransportSecurity;
    const value = [
      `max-age=${hsts.AccessControlMaxAgeSec}`,
      ...(hsts.IncludeSubdomains ? ['includeSubDomains'] : []),
      ...(hsts.Preload ? ['preload'] : []),
    ].join('; ');
    rules.push({ name: 'strict-transport-security', value, override: hsts.Override });
  }
  if (s.XSSProtection) {
    const x = s.XSSProtection;
    const value = !x.Protection
      ? '0'
      : [
          '1',
          ...(x.ModeBlock ? ['mode=block'] : []),
          ...(x.ReportUri ? [`report=${x.ReportUri}`] : []),
        ].join('; ');
    rules.push({ name: 'x-xss-protection', value, override: x.Override });
  }
  for (const item of config.CustomHeadersConfig?.Items ?? []) {
    rules.push({ name: item.Header.toLowerCase(), value: item.Value, override: item.Override });
  }
  return rules;
}

/**
 * Applies a policy to the origin's headers as CloudFront does: a header the origin already
 * sent is replaced only when the policy says `Override`; removed headers go.
 */
export function applyResponseHeadersPolicy(
  originHeaders: Record<string, string>,
  config: ResponseHeadersPolicyConfig | undefined,
): Record<string, string> {
  if (!config) return { ...originHeaders };
  const headers = Object.fromEntries(
    Object.entries(originHeaders).map(([k, v]) => [k.toLowerCase(), v]),
  );
  for (const rule of headerRules(config)) {
    if (rule.override || headers[rule.name] === undefined) headers[rule.name] = rule.value;
  }
  for (const item of config.RemoveHeadersConfig?.Items ?? [])
    delete headers[item.Header.toLowerCase()];
  return headers;
}
