import {
  detectHeader,
  IMPORT_FIELDS,
  isImportField,
  normaliseHeader,
  suggestField,
  suggestMapping,
  suggestMappingFromValues,
  type ImportField,
} from './import.mapping.js';

/** The suggested field of each named column (others must be IGNORE). */
function mapped(headers: string[]): Record<string, ImportField> {
  const mapping = suggestMapping(headers);
  const out: Record<string, ImportField> = {};
  headers.forEach((header, index) => {
    if (mapping[index] !== 'IGNORE') out[header] = mapping[index];
  });
  return out;
}

describe('normaliseHeader', () => {
  it.each([
    ['Mailing Zip/Postal Code', 'mailing zip postal code'],
    ['CellPhone', 'cell phone'],
    ['PreferredEmail', 'preferred email'],
    ['VANID', 'vanid'],
    ['npe01__HomeEmail__c', 'home email'],
    ['npo02__MembershipJoinDate__c', 'membership join date'],
    ['contact[firstName]', 'contact first name'],
    ['Name / First Name', 'name first name'],
    ['\ufeffMembership No.', 'membership no'],
    ['  Forenâme ', 'forename'],
    ['Yorkshire & Humber', 'yorkshire and humber'],
    ['', ''],
  ])('%j → %j', (raw, expected) => {
    expect(normaliseHeader(raw)).toBe(expected);
  });
});

describe('suggestMapping: real export header rows', () => {
  it('NationBuilder people export', () => {
    const headers = [
      'nationbuilder_id', 'external_id', 'prefix', 'first_name', 'middle_name', 'last_name', 'suffix', 'email', 'email1',
      'email1_is_bad', 'email2', 'email_opt_in', 'phone_number', 'mobile_number', 'work_phone_number', 'fax_number',
      'mobile_opt_in', 'is_mobile_bad', 'do_not_call', 'do_not_contact', 'federal_donotcall', 'primary_address1',
      'primary_city', 'primary_state', 'primary_zip', 'primary_country_code', 'mailing_zip', 'billing_zip', 'tag_list',
      'support_level', 'employer', 'occupation', 'sex', 'born_at', 'created_at', 'recruiter_id', 'twitter_login', 'note',
    ];
    expect(mapped(headers)).toEqual({
      first_name: 'FIRST_NAME',
      last_name: 'LAST_NAME',
      email: 'EMAIL',
      email1: 'EMAIL_2',
      email_opt_in: 'EMAIL_CONSENT',
      phone_number: 'PHONE',
      mobile_number: 'MOBILE',
      work_phone_number: 'LANDLINE',
      mobile_opt_in: 'SMS_CONSENT',
      primary_zip: 'POSTCODE',
      tag_list: 'TAGS',
      support_level: 'SUPPORT_LEVEL',
      employer: 'EMPLOYER',
    });
  });

  it('Action Network activist export', () => {
    const headers = [
      'uuid', 'first_name', 'last_name', 'email', 'zip_code', 'can2_country', 'can2_county', 'can2_state_abbreviated',
      'can2_user_city', 'can2_user_address', 'can2_phone', 'can2_sms_status', 'can2_subscription_status', 'can2_location_id',
    ];
    expect(mapped(headers)).toEqual({
      first_name: 'FIRST_NAME',
      last_name: 'LAST_NAME',
      email: 'EMAIL',
      zip_code: 'POSTCODE',
      can2_phone: 'PHONE',
      can2_sms_status: 'SMS_CONSENT',
      can2_subscription_status: 'EMAIL_CONSENT',
    });
  });

  it('NGP VAN / EveryAction export', () => {
    const headers = [
      'VANID', 'LastName', 'FirstName', 'MiddleName', 'Suffix', 'Address', 'City', 'State', 'Zip5', 'Zip4', 'HomePhone',
      'CellPhone', 'WorkPhone', 'IsCellStatus', 'PreferredEmail', 'Email Subscription Status', 'Employer', 'Occupation',
      'DateCreated',
    ];
    expect(mapped(headers)).toEqual({
      LastName: 'LAST_NAME',
      FirstName: 'FIRST_NAME',
      Zip5: 'POSTCODE',
      HomePhone: 'LANDLINE',
      CellPhone: 'MOBILE',
      WorkPhone: 'LANDLINE',
      PreferredEmail: 'EMAIL',
      'Email Subscription Status': 'EMAIL_CONSENT',
      Employer: 'EMPLOYER',
    });
  });

  it('CiviCRM contact + membership export', () => {
    const headers = [
      'Contact ID', 'Contact Type', 'Sort Name', 'Display Name', 'Individual Prefix', 'First Name', 'Middle Name', 'Last Name',
      'Individual Suffix', 'Email', 'Phone', 'Street Address', 'Supplemental Address 1', 'City',
      'Postal Code', 'State', 'Country', 'Current Employer', 'Tags', 'Groups', 'Do Not Email', 'Do Not Phone', 'Do Not SMS',
      'No Bulk Emails (User Opt Out)', 'Is Opt Out', 'Member Since', 'Membership Status', 'Membership Type',
      'Membership Start Date', 'Membership End Date', 'Membership Expiration Date', 'Source', 'Do Not Mail',
    ];
    expect(mapped(headers)).toEqual({
      'First Name': 'FIRST_NAME',
      'Last Name': 'LAST_NAME',
      Email: 'EMAIL',
      Phone: 'PHONE',
      'Postal Code': 'POSTCODE',
      'Current Employer': 'EMPLOYER',
      Tags: 'TAGS',
      'Member Since': 'JOINED_ON',
      'Membership Status': 'STATUS',
    });
  });

  it('Salesforce NPSP contact report', () => {
    const headers = [
      'Contact ID', 'Salutation', 'First Name', 'Last Name', 'Account Name', 'Title', 'Mailing Street', 'Mailing City',
      'Mailing State/Province', 'Mailing Zip/Postal Code', 'Mailing Country', 'Phone', 'Mobile', 'Home Phone',
      'Other Phone', 'Preferred Phone', 'Email', 'Personal Email', 'Work Email', 'Alternate Email', 'Preferred Email',
      'Email Opt Out', 'Do Not Call', 'Birthdate', 'Primary Affiliation', 'Membership Join Date', 'Membership End Date',
    ];
    expect(mapped(headers)).toEqual({
      'First Name': 'FIRST_NAME',
      'Last Name': 'LAST_NAME',
      'Mailing Zip/Postal Code': 'POSTCODE',
      Phone: 'PHONE',
      Mobile: 'MOBILE',
      'Home Phone': 'LANDLINE',
      'Other Phone': 'PHONE',
      Email: 'EMAIL',
      'Personal Email': 'EMAIL_2',
      'Primary Affiliation': 'EMPLOYER',
      'Membership Join Date': 'JOINED_ON',
    });
  });

  it('Salesforce API field names', () => {
    const headers = [
      'Id', 'FirstName', 'LastName', 'Email', 'MobilePhone', 'HomePhone', 'MailingPostalCode', 'npe01__HomeEmail__c',
      'npe01__WorkEmail__c', 'npe01__PreferredPhone__c', 'HasOptedOutOfEmail', 'DoNotCall', 'npo02__MembershipJoinDate__c',
    ];
    expect(mapped(headers)).toEqual({
      FirstName: 'FIRST_NAME',
      LastName: 'LAST_NAME',
      Email: 'EMAIL',
      MobilePhone: 'MOBILE',
      HomePhone: 'LANDLINE',
      MailingPostalCode: 'POSTCODE',
      npe01__HomeEmail__c: 'EMAIL_2',
      npo02__MembershipJoinDate__c: 'JOINED_ON',
    });
  });

  it('Mailchimp audience export', () => {
    const headers = [
      'Email Address', 'First Name', 'Last Name', 'Address', 'Phone Number', 'Birthday', 'MEMBER_RATING', 'OPTIN_TIME',
      'OPTIN_IP', 'CONFIRM_TIME', 'CONFIRM_IP', 'LATITUDE', 'LONGITUDE', 'GMTOFF', 'DSTOFF', 'TIMEZONE', 'CC', 'REGION',
      'LAST_CHANGED', 'LEID', 'EUID', 'NOTES', 'TAGS',
    ];
    expect(mapped(headers)).toEqual({
      'Email Address': 'EMAIL',
      'First Name': 'FIRST_NAME',
      'Last Name': 'LAST_NAME',
      'Phone Number': 'PHONE',
      REGION: 'REGION',
      TAGS: 'TAGS',
    });
  });

  it('HubSpot contacts export', () => {
    const headers = [
      'Record ID', 'First Name', 'Last Name', 'Email', 'Phone Number', 'Mobile Phone Number', 'Street Address', 'City',
      'Postal Code', 'Company Name', 'Job Title', 'Create Date', 'Lifecycle Stage', 'Lead Status', 'Contact owner',
      'Marketing contact status', 'Unsubscribed from all email', 'Last Activity Date',
    ];
    expect(mapped(headers)).toEqual({
      'First Name': 'FIRST_NAME',
      'Last Name': 'LAST_NAME',
      Email: 'EMAIL',
      'Phone Number': 'PHONE',
      'Mobile Phone Number': 'MOBILE',
      'Postal Code': 'POSTCODE',
      'Company Name': 'EMPLOYER',
    });
  });

  it('HubSpot property names and flags', () => {
    const headers = [
      'hs_object_id', 'email', 'email_verification_status', 'firstname', 'lastname', 'phone', 'mobilephone', 'zip',
      'createdate', 'Email Address Quarantined', 'Invalid email address', 'Email Confirmed', 'Enrichment opt out',
    ];
    expect(mapped(headers)).toEqual({
      email: 'EMAIL',
      firstname: 'FIRST_NAME',
      lastname: 'LAST_NAME',
      phone: 'PHONE',
      mobilephone: 'MOBILE',
      zip: 'POSTCODE',
    });
  });

  it('Twenty people export', () => {
    const headers = [
      'Id', 'Name / First Name', 'Name / Last Name', 'Emails / Primary Email', 'Emails / Additional Emails',
      'Phones / Primary Phone Number', 'Phones / Primary Phone Country Code', 'Phones / Primary Phone Calling Code',
      'Phones / Additional Phones', 'Job Title', 'City', 'Company / Name', 'Created by / Name', 'Creation date',
    ];
    expect(mapped(headers)).toEqual({
      'Name / First Name': 'FIRST_NAME',
      'Name / Last Name': 'LAST_NAME',
      'Emails / Primary Email': 'EMAIL',
      'Emails / Additional Emails': 'EMAIL_2',
      'Phones / Primary Phone Number': 'PHONE',
      'Phones / Additional Phones': 'PHONE',
      'Company / Name': 'EMPLOYER',
    });
  });

  it('Zetkin, CallHub and Spoke', () => {
    expect(
      mapped(['id', 'ext_id', 'first_name', 'last_name', 'email', 'phone', 'alt_phone', 'zip_code', 'city', 'co_address', 'gender']),
    ).toEqual({ first_name: 'FIRST_NAME', last_name: 'LAST_NAME', email: 'EMAIL', phone: 'PHONE', alt_phone: 'PHONE', zip_code: 'POSTCODE' });
    expect(mapped(['contact', 'mobile number', 'first name', 'last name', 'email', 'address', 'zipcode', 'company name'])).toEqual({
      contact: 'PHONE',
      'mobile number': 'MOBILE',
      'first name': 'FIRST_NAME',
      'last name': 'LAST_NAME',
      email: 'EMAIL',
      zipcode: 'POSTCODE',
      'company name': 'EMPLOYER',
    });
    expect(mapped(['firstName', 'lastName', 'cell', 'zip', 'external_id'])).toEqual({
      firstName: 'FIRST_NAME',
      lastName: 'LAST_NAME',
      cell: 'MOBILE',
      zip: 'POSTCODE',
    });
    expect(
      mapped(['contact[firstName]', 'contact[lastName]', 'contact[cell]', 'contact[zip]', 'contact[optOut]', 'contact[messageStatus]']),
    ).toEqual({ 'contact[firstName]': 'FIRST_NAME', 'contact[lastName]': 'LAST_NAME', 'contact[cell]': 'MOBILE', 'contact[zip]': 'POSTCODE' });
  });

  it('UK union membership system exports', () => {
    const headers = [
      'Membership No', 'Title', 'Forename', 'Surname', 'Known As', 'Mobile Tel', 'Home Tel', 'Work Tel', 'Email Address',
      'Work Email', 'Address 1', 'Post Town', 'Post Code', 'Workplace', 'Workplace Postcode', 'Employer', 'Branch', 'Region',
      'Date Joined', 'Date Left', 'Reason Left', 'Member Status', 'Membership Category', 'Date of Birth', 'Payroll Number',
    ];
    expect(mapped(headers)).toEqual({
      'Membership No': 'MEMBERSHIP_NUMBER',
      Forename: 'FIRST_NAME',
      Surname: 'LAST_NAME',
      'Mobile Tel': 'MOBILE',
      'Home Tel': 'LANDLINE',
      'Work Tel': 'LANDLINE',
      'Email Address': 'EMAIL',
      'Work Email': 'EMAIL_2',
      'Post Code': 'POSTCODE',
      Workplace: 'WORKPLACE',
      Employer: 'EMPLOYER',
      Branch: 'BRANCH',
      Region: 'REGION',
      'Date Joined': 'JOINED_ON',
      'Date Left': 'LEFT_ON',
      'Member Status': 'STATUS',
    });
    expect(mapped(['Mem No', 'Forenames', 'Surname', 'Tel (Home)', 'Mobile No', 'Postcode', 'Branch Name', 'Workplace Name'])).toEqual({
      'Mem No': 'MEMBERSHIP_NUMBER',
      Forenames: 'FIRST_NAME',
      Surname: 'LAST_NAME',
      'Tel (Home)': 'LANDLINE',
      'Mobile No': 'MOBILE',
      Postcode: 'POSTCODE',
      'Branch Name': 'BRANCH',
      'Workplace Name': 'WORKPLACE',
    });
  });

  it('plain names', () => {
    expect(suggestMapping(['Name', 'E-mail', 'Tel', 'Status', 'Issues', 'Support', 'Joined', 'Left', 'Labels'])).toEqual([
      'FULL_NAME', 'EMAIL', 'PHONE', 'STATUS', 'ISSUES', 'SUPPORT_LEVEL', 'JOINED_ON', 'LEFT_ON', 'TAGS',
    ]);
    expect(suggestField('SMS consent')).toBe('SMS_CONSENT');
    expect(suggestField('Text opt-in')).toBe('SMS_CONSENT');
    expect(suggestField('Email permission')).toBe('EMAIL_CONSENT');
    expect(suggestField('GDPR consent')).toBe('EMAIL_CONSENT');
    expect(suggestField('Landline')).toBe('LANDLINE');
    expect(suggestField('Membership number')).toBe('MEMBERSHIP_NUMBER');
    expect(suggestField('Member ID')).toBe('MEMBERSHIP_NUMBER');
    expect(suggestField('Full name')).toBe('FULL_NAME');
    expect(suggestField('Something else')).toBe('IGNORE');
    expect(suggestField('')).toBe('IGNORE');
  });
});

describe('suggestMapping: clashes', () => {
  it('gives a field two columns claim to the first, except emails and phones', () => {
    expect(suggestMapping(['Email', 'Email', 'Email', 'Phone', 'Phone', 'Mobile', 'Mobile', 'Postcode', 'Zip', 'First name', 'Forename'])).toEqual([
      'EMAIL', 'EMAIL_2', 'IGNORE', 'PHONE', 'PHONE', 'MOBILE', 'MOBILE', 'POSTCODE', 'IGNORE', 'FIRST_NAME', 'IGNORE',
    ]);
  });

  it('keeps one field per column for duplicate headers and an empty header row', () => {
    expect(suggestMapping(['Surname', 'Surname'])).toEqual(['LAST_NAME', 'IGNORE']);
    expect(suggestMapping(['', ''])).toEqual(['IGNORE', 'IGNORE']);
    expect(suggestMapping([])).toEqual([]);
  });

  it('drops a full-name column when first and last name columns exist, and keeps it otherwise', () => {
    expect(suggestMapping(['Display Name', 'First Name', 'Last Name'])).toEqual(['IGNORE', 'FIRST_NAME', 'LAST_NAME']);
    expect(suggestMapping(['Full Name', 'Email'])).toEqual(['FULL_NAME', 'EMAIL']);
  });

  it('never maps an opt-out column to consent', () => {
    for (const header of ['Email Opt Out', 'SMS opt-out', 'Unsubscribed', 'Do Not Email', 'Do Not SMS', 'HasOptedOutOfEmail', 'Is Opt Out', 'No SMS']) {
      expect(suggestField(header)).toBe('IGNORE');
    }
  });

  it('returns only import fields', () => {
    for (const field of suggestMapping(['Membership No', 'x', 'Email'])) expect(isImportField(field)).toBe(true);
    expect(IMPORT_FIELDS).toHaveLength(23);
    expect(isImportField('NOPE')).toBe(false);
  });
});

describe('detectHeader', () => {
  it('recognises header rows', () => {
    expect(detectHeader(['first_name', 'last_name', 'email'], ['Jo', 'Bloggs', 'jo@example.org'])).toBe(true);
    expect(detectHeader(['Membership No', 'Forename', 'Surname'], undefined)).toBe(true);
    expect(detectHeader(['Col A', 'Col B', 'Col C'], ['Jo', 'Bloggs', '07700 900123'])).toBe(true);
  });

  it('recognises files that start straight with members', () => {
    expect(detectHeader(['Jo', 'Bloggs', 'jo@example.org', '07700 900601'], ['Sam', 'Smith', 'sam@example.org', '07700 900602'])).toBe(false);
    expect(detectHeader(['M0001', 'Jo', 'Bloggs', '14/03/2021'], undefined)).toBe(false);
    expect(detectHeader(['Jo', 'Bloggs'], ['Sam', 'Smith'])).toBe(false);
    expect(detectHeader(['Jo', 'Bloggs', 'SW1A 1AA'], ['Sam', 'Smith', 'M1 1AE'])).toBe(false);
    expect(detectHeader(['Jo', 'Bloggs', '5 Jan 2019'], undefined)).toBe(false);
  });

  it('says no for an empty first record', () => {
    expect(detectHeader(['', ' '], ['a', 'b'])).toBe(false);
    expect(detectHeader([], undefined)).toBe(false);
  });
});

describe('suggestMappingFromValues (files without a header row)', () => {
  it('maps the columns whose values are certain and leaves the rest to the organiser', () => {
    const rows = [
      ['Jo', 'Bloggs', 'jo@example.org', '07700 900601', 'SW1A 1AA', '14/03/2021', 'M0001', 'b@example.org', '0161 496 0001'],
      ['Sam', 'Smith', 'SAM@example.org', '+44 7700 900602', 'm1 1ae', '', 'M0002', '', '020 7946 0002'],
      ['Al', 'Khan', 'al@example.org', '', 'EH1 1YZ', '2020-01-01', 'M0003', 'c@example.org', '0113 496 0003'],
    ];
    expect(suggestMappingFromValues(rows)).toEqual([
      'IGNORE', 'IGNORE', 'EMAIL', 'MOBILE', 'POSTCODE', 'IGNORE', 'IGNORE', 'EMAIL_2', 'LANDLINE',
    ]);
  });

  it('needs 80% agreement, and never reads short numbers as phones', () => {
    expect(suggestMappingFromValues([['a@example.org'], ['nope'], ['b@example.org'], ['c@example.org']])).toEqual(['IGNORE']);
    expect(suggestMappingFromValues([['a@example.org'], ['nope'], ['b@example.org'], ['c@example.org'], ['d@example.org']])).toEqual(['EMAIL']);
    expect(suggestMappingFromValues([['123456'], ['234567']])).toEqual(['IGNORE']);
    expect(suggestMappingFromValues([['07700 900001', '0161 496 0001'], ['0161 496 0002', '07700 900002']])).toEqual(['PHONE', 'PHONE']);
  });

  it('copes with no rows, blank columns and ragged rows', () => {
    expect(suggestMappingFromValues([])).toEqual([]);
    expect(suggestMappingFromValues([['', 'x'], ['']])).toEqual(['IGNORE', 'IGNORE']);
    expect(suggestMappingFromValues([['a'], ['b', 'c@example.org']])).toEqual(['IGNORE', 'EMAIL']);
  });
});
