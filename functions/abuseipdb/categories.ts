/** AbuseIPDB report categories (https://www.abuseipdb.com/categories); ids 1 and 2 are retired. */
const CATEGORY_NAMES: Record<number, string> = {
  3: 'Fraud Orders',
  4: 'DDOS Attack',
  5: 'FTP Brute-Force',
  6: 'Ping of Death',
  7: 'Phishing',
  8: 'Fraud VOIP',
  9: 'Open Proxy',
  10: 'Web Spam',
  11: 'Email Spam',
  12: 'Blog Spam',
  13: 'VPN IP',
  14: 'Port Scan',
  15: 'Hacking',
  16: 'SQL Injection',
  17: 'Spoofing',
  18: 'Brute Force',
  19: 'Bad Web Bot',
  20: 'Exploited Host',
  21: 'Web App Attack',
  22: 'SSH',
  23: 'IoT Targeted',
};

/** The label the Python connector uses for a category id, so labels stay the same after switching. */
export const categoryLabel = (id: number): string => CATEGORY_NAMES[id] ?? 'unknown category';
