import { parseCpe } from '../../shared/service-kit';

describe('parseCpe', () => {
  it('rewrites a 2.2 URI as the 2.3 string STIX requires, and names the product', () => {
    expect(parseCpe('cpe:/a:nginx:nginx:1.18.0')).toEqual({
      cpe: 'cpe:2.3:a:nginx:nginx:1.18.0:*:*:*:*:*:*:*',
      vendor: 'nginx',
      product: 'nginx',
      version: '1.18.0',
    });
  });

  it('keeps a 2.3 string as it is', () => {
    expect(parseCpe('cpe:2.3:a:apache:http_server:2.4.7:*:*:*:*:*:*:*')).toEqual({
      cpe: 'cpe:2.3:a:apache:http_server:2.4.7:*:*:*:*:*:*:*',
      vendor: 'apache',
      product: 'http_server',
      version: '2.4.7',
    });
  });

  it('decodes a percent-encoded 2.2 value, and writes it as 2.3 allows', () => {
    expect(parseCpe('cpe:/a:openbsd:openssh:7.6p1%20Ubuntu-4ubuntu0.3')).toEqual({
      cpe: 'cpe:2.3:a:openbsd:openssh:7.6p1_Ubuntu-4ubuntu0.3:*:*:*:*:*:*:*',
      vendor: 'openbsd',
      product: 'openssh',
      version: '7.6p1 Ubuntu-4ubuntu0.3',
    });
  });

  it('carries update, edition and a valid language over to their 2.3 places', () => {
    expect(parseCpe('cpe:/a:microsoft:iis:10.0::sp1:en-us')?.cpe).toBe('cpe:2.3:a:microsoft:iis:10.0:*:sp1:en-us:*:*:*:*');
  });

  it('gives no version when the CPE has none', () => {
    expect(parseCpe('cpe:/o:linux:linux_kernel')).toEqual({
      cpe: 'cpe:2.3:o:linux:linux_kernel:*:*:*:*:*:*:*:*',
      vendor: 'linux',
      product: 'linux_kernel',
    });
  });

  it('names the product but gives no 2.3 string for a part other than a, h or o', () => {
    expect(parseCpe('cpe:/x:acme:widget:1')).toEqual({ vendor: 'acme', product: 'widget', version: '1' });
  });

  it.each(['cpe:/a:vendor', 'cpe:/a:vendor:*', 'nginx 1.18', ''])('finds no product in %j', (raw) => {
    expect(parseCpe(raw)).toBeUndefined();
  });
});
