# Imports (issue 16): residents and services from a spreadsheet.
import-field =
    { $field ->
        [display_name] name
        [phone] phone
        [email] e-mail
        [street] street
        [house_number] house number
        [box_number] box
        [postcode] postcode
        [neighbourhood] neighbourhood
        [languages] languages
        [preferred_language] message language
        [interests] likes to do
        [talents] likes helping with
        [availability] availability
        [consent_channel] consent given by
        [consent_date] consent date
        [name] name
        [description] description
        [categories] categories
        [website] website
        [area] area
       *[other] { $field }
    }
import-problem =
    { $code ->
        [column_missing] There is no column for { $label }; it is required.
        [column_not_found] The file has no column “{ $value }”.
        [place_column_missing] There are no address columns (street, house number, postcode) and no neighbourhood column.
        [name_missing] The name is missing.
        [name_invalid] This name is not possible: “{ $value }”.
        [phone_invalid] This is not a phone number: “{ $value }”.
        [email_invalid] This is not an e-mail address: “{ $value }”.
        [address_incomplete] The address is incomplete: { $label } is missing.
        [postcode_invalid] A postcode has four digits, not “{ $value }”.
        [address_unknown] This address is not in the address register: “{ $value }”.
        [neighbourhood_unknown] There is no neighbourhood “{ $value }”.
        [place_neighbourhood_centre] No address: the centre of neighbourhood { $value } is used.
        [place_missing] There is no address and no neighbourhood.
        [language_unknown] We do not know this language: “{ $value }”.
        [message_language_unknown] Messages go out in Dutch, French or English, not “{ $value }”.
        [tag_unknown] “{ $value }” is not in the list of things people like to do; it is left out.
        [availability_invalid] We do not understand this availability: “{ $value }” (e.g. “tue afternoon”, “saturday”, “always”).
        [consent_missing] The consent is missing.
        [consent_channel_invalid] Consent cannot have been given this way: “{ $value }” (self, home visit, phone round or referral card).
        [consent_date_missing] The consent date is missing.
        [consent_date_invalid] This is not a date: “{ $value }” (e.g. 31/12/2026).
        [consent_date_future] The consent lies in the future: “{ $value }”.
        [consent_date_old] The consent is more than a year old (“{ $value }”): ask for it again.
        [duplicate_existing] { $value } is already registered; this row is skipped.
        [duplicate_in_file] The same as row { $value }; this row is skipped.
        [row_invalid] This row is not possible: { $value }
        [text_invalid] This text is not possible: “{ $value }”.
        [category_invalid] This category is not possible: “{ $value }”.
        [website_invalid] This is not a website: “{ $value }”.
       *[other] Problem: { $code }
    }
import-rejected = { $rows ->
    [one] One row has a problem: nothing was imported.
   *[other] { $rows } rows have a problem: nothing was imported.
}
# The console's import pages.
imports-nav = Import
imports-title = Import from a spreadsheet
imports-lead = Residents or services from a spreadsheet (CSV or XLSX, the first row holding the column names). First choose which column holds what, then see per row what is wrong; nothing is imported while any row has an error.
imports-kind = What does the file hold?
imports-kind-neighbours = Residents
imports-kind-services = Services (social map)
imports-file = File (CSV or XLSX)
imports-upload = Read the file
imports-file-error =
    { $code ->
        [file_empty] The file is empty.
        [file_no_headers] The first row has no column names.
        [file_duplicate_header] Two columns have the same name.
        [file_too_large] The file is too large (at most 20,000 rows and 100 columns).
       *[other] We cannot read this file: save it as CSV (UTF-8) or XLSX.
    }
imports-map-title = Choose the columns
imports-map-lead = Choose the column of your file for each item. What we recognised is filled in already.
imports-headers = Columns in the file:
imports-rows = rows
imports-map-caption = Which column holds what
imports-col-field = Item
imports-col-column = Column
imports-col-row = Row
imports-col-problem = What is wrong
imports-required = required
imports-no-column = (no column)
imports-check = Check
imports-report-title = Check of the file
imports-findings = Findings per row
imports-whole-file = whole file
imports-summary = { $rows } rows: { $created } to import, { $duplicates } already known (skipped), { $errors } with an error.{ $errors ->
    [0] {""}
   *[other] {" "}Correct the file and read it again: nothing is imported while a row has an error.
}
imports-done = Imported: { $created } of { $rows } rows; { $duplicates } already known and skipped.
imports-do = Import
imports-again = Import another file
