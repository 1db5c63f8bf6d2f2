import {describe, expect, it} from 'vitest';
import {
  checkBucketName,
  checkCpuQuantity,
  checkGoDuration,
  checkHostname,
  checkNginxSize,
  checkQuantity,
  checkSizeQuantity,
  checkUrl,
} from './formats.js';

describe('checkHostname', () => {
  it.each(['buntime.example.com', 'a.b', 'x', '*.example.com', 'a-b.c-d.e', `${'a'.repeat(63)}.com`])(
    'accepts %s',
    (host) => {
      expect(checkHostname(host)).toBeUndefined();
    },
  );
  it.each([
    ['', /empty/],
    ['Buntime.example.com', /upper-case/],
    ['10.1.2.3', /IP address/],
    ['https://x.com', /without scheme/],
    ['x.com/path', /without scheme/],
    ['a..b', /empty label/],
    ['.a', /empty label/],
    ['a.', /empty label/],
    ['-a.com', /invalid label/],
    ['a-.com', /invalid label/],
    ['a_b.com', /invalid label/],
    ['x.*.com', /first label/],
    ['*', /first label/],
    ['*.*.com', /first label/],
    [`${'a'.repeat(64)}.com`, /longer than 63/],
    [`${'a.'.repeat(127)}ab`, /at most 253/],
    ['a b.com', /invalid label/],
  ])('rejects %j', (host, reason) => {
    expect(checkHostname(host)?.reason).toMatch(reason);
  });
  it('suggests the lower-case and bare forms', () => {
    expect(checkHostname('Buntime.Example.com')?.suggestion).toBe('buntime.example.com');
    expect(checkHostname('https://b.example.com/x')?.suggestion).toBe('b.example.com');
  });
});

describe('checkQuantity', () => {
  it.each(['10Gi', '500Mi', '250m', '2', '0.5', '1.5Gi', '1e3', '100M', '1k', 2, 0])('accepts %j', (value) => {
    expect(checkQuantity(value)).toBeUndefined();
  });
  it.each([
    ['10Gb', '10Gi'],
    ['10GB', '10Gi'],
    ['5mb', '5Mi'],
    ['1 Gi', '1Gi'],
    ['10gi', '10Gi'],
    ['lots', undefined],
    ['-1Gi', undefined],
    ['1.2.3', undefined],
    ['', undefined],
  ])('rejects %j (suggests %j)', (value, suggestion) => {
    const problem = checkQuantity(value);
    expect(problem).toBeDefined();
    expect(problem?.suggestion).toBe(suggestion);
  });
  it('rejects non-strings', () => {
    expect(checkQuantity(true)).toBeDefined();
    expect(checkQuantity(-1)).toBeDefined();
  });
});

describe('CPU and memory are different quantities', () => {
  it.each(['2', '0.5', '250m', '1500m', 2, '1e3'])('CPU accepts %j', (value) => {
    expect(checkCpuQuantity(value)).toBeUndefined();
  });
  it.each([
    ['2Gb', '2'],
    ['2Gi', '2'],
    ['2G', '2'],
    ['500Mi', '500m'],
    ['500mb', '500m'],
    ['1 core', '1'],
    ['250 m', '250m'],
    ['lots', undefined],
  ])('CPU rejects %j, suggesting %j — never a memory unit', (value, suggestion) => {
    const problem = checkCpuQuantity(value);
    expect(problem).toBeDefined();
    expect(problem?.suggestion).toBe(suggestion);
    expect(problem?.suggestion ?? '').not.toMatch(/i$/);
  });
  it.each([
    ['500m', '500Mi'],
    ['10Gb', '10Gi'],
  ])('a size rejects %j (suggests %j)', (value, suggestion) => {
    expect(checkSizeQuantity(value)?.suggestion).toBe(suggestion);
  });
  it.each(['1Gi', '512Mi', '1073741824'])('a size accepts %j', (value) => {
    expect(checkSizeQuantity(value)).toBeUndefined();
  });
});

describe('other formats', () => {
  it.each([
    ['100m', undefined],
    ['0', undefined],
    [0, undefined],
    ['1g', undefined],
    ['512k', undefined],
    ['100mb', '100m'],
    ['1 GB', '1g'],
    ['big', undefined],
  ])('nginx size %j', (value, suggestion) => {
    const problem = checkNginxSize(value);
    if (['100m', '0', 0, '1g', '512k'].includes(value as string | number)) expect(problem).toBeUndefined();
    else expect(problem?.suggestion).toBe(suggestion);
  });

  it.each([
    ['http://minio:9000', undefined],
    ['https://s3.amazonaws.com', undefined],
    ['minio:9000', /scheme 'minio'/],
    ['minio.local:9000', /not a URL|scheme/],
    ['ftp://x', /scheme 'ftp'/],
    ['http://', /not a URL|no host/],
    ['not a url', /not a URL/],
    ['http://a b', /not a URL|white space/],
  ])('url %j', (value, reason) => {
    const problem = checkUrl(value, ['http', 'https']);
    if (reason === undefined) expect(problem).toBeUndefined();
    else expect(problem?.reason).toMatch(reason);
  });

  it.each([
    ['168h', true],
    ['1h30m', true],
    ['90s', true],
    ['0', true],
    ['1.5h', true],
    ['7d', false],
    ['1 h', false],
    ['h', false],
    ['', false],
  ])('duration %j ok=%s', (value, ok) => {
    expect(checkGoDuration(value) === undefined).toBe(ok);
  });
  it('suggests hours for days', () => {
    expect(checkGoDuration('7d')?.suggestion).toBe('168h');
  });

  it.each([
    ['turso-backups', true],
    ['a.b-c', true],
    ['ab', false],
    ['Turso', false],
    ['a_b', false],
    ['-ab', false],
    ['a..b', false],
    ['x'.repeat(64), false],
  ])('bucket %j ok=%s', (value, ok) => {
    expect(checkBucketName(value) === undefined).toBe(ok);
  });
});
