/**
 * Common Latin spellings of frequent names, per transliteration family, with rough weights.
 * Written for this generator from the spelling families seen in Levantine and diaspora
 * lists (English, French ch/ou/dj, Turkish c/ş/ü, German sch/dsch, informal ALL-CAPS with
 * abbreviations such as MHD). Names not listed here are spelled by the rules in
 * transliterator.ts. Format: `arabic|scheme|spelling:weight,spelling:weight`.
 */
export const LATIN_SPELLINGS = `
محمد|english|Mohammed:5,Mohammad:4,Muhammad:3,Mohamed:4,Mohamad:2,Muhammed:1
محمد|french|Mohamed:5,Mohammed:3,Mouhammad:2,Mohammad:2,Mouhamed:1
محمد|turkish|Muhammed:5,Mehmet:2,Muhammet:2,Mohammed:1
محمد|german|Mohammed:4,Muhammad:3,Mohamad:2,Mohamed:2
محمد|informal|MHD:4,MOHAMMAD:3,MOHAMMED:3,MOHD:1,MOHAMAD:2
أحمد|english|Ahmad:5,Ahmed:5
أحمد|french|Ahmed:5,Ahmad:2
أحمد|turkish|Ahmet:5,Ahmed:3
أحمد|german|Ahmad:3,Ahmed:3
أحمد|informal|AHMAD:5,AHMED:4,AHMD:1
علي|english|Ali:10
علي|french|Ali:8,Aly:1
علي|turkish|Ali:10
علي|german|Ali:10
علي|informal|ALI:10
محمود|english|Mahmoud:6,Mahmud:3,Mahmood:2
محمود|french|Mahmoud:8,Mahmud:1
محمود|turkish|Mahmut:5,Mahmud:3
محمود|german|Mahmud:5,Machmud:1,Mahmoud:4
محمود|informal|MAHMOUD:6,MAHMOD:2,MAHMUD:2
عبد الله|english|Abdullah:5,Abdallah:3,Abdulla:2,Abd Allah:1
عبد الله|french|Abdallah:5,Abdellah:3,Abdullah:2
عبد الله|turkish|Abdullah:8,Abdulla:1
عبد الله|german|Abdullah:6,Abdallah:3
عبد الله|informal|ABDULLAH:5,ABDALLAH:3,ABD ALLAH:1
خالد|english|Khaled:6,Khalid:5
خالد|french|Khaled:8,Khalid:2
خالد|turkish|Halit:4,Halid:3,Khaled:2
خالد|german|Chalid:2,Khaled:5,Khalid:3
خالد|informal|KHALED:6,KHALID:4
عمر|english|Omar:8,Umar:2,Omer:1
عمر|french|Omar:8,Oumar:2
عمر|turkish|Ömer:7,Omer:3
عمر|german|Omar:9
عمر|informal|OMAR:9,OMER:1
حسن|english|Hasan:5,Hassan:6
حسن|french|Hassan:8,Hasan:2
حسن|turkish|Hasan:10
حسن|german|Hassan:7,Hasan:3
حسن|informal|HASSAN:6,HASAN:4
حسين|english|Hussein:6,Hussain:3,Husain:1,Hussien:1
حسين|french|Houssein:4,Hussein:4,Hocine:1
حسين|turkish|Hüseyin:7,Huseyin:3
حسين|german|Hussein:8,Husain:2
حسين|informal|HUSSEIN:6,HUSEIN:2,HUSSAIN:2
مصطفى|english|Mustafa:6,Mostafa:3,Moustafa:2
مصطفى|french|Moustafa:6,Mostafa:3
مصطفى|turkish|Mustafa:10
مصطفى|german|Mustafa:8
مصطفى|informal|MUSTAFA:6,MOSTAFA:3
إبراهيم|english|Ibrahim:9,Ebrahim:1
إبراهيم|french|Ibrahim:8,Brahim:1
إبراهيم|turkish|İbrahim:7,Ibrahim:3
إبراهيم|german|Ibrahim:9
إبراهيم|informal|IBRAHIM:9,EBRAHIM:1
يوسف|english|Youssef:4,Yousef:4,Yusuf:3,Yousif:1
يوسف|french|Youssef:7,Youcef:2
يوسف|turkish|Yusuf:10
يوسف|german|Jussuf:2,Yusuf:4,Youssef:3
يوسف|informal|YOUSEF:5,YOUSSEF:3,YUSUF:2
عبد الرحمن|english|Abdulrahman:5,Abdul Rahman:3,Abdelrahman:2,Abdurrahman:1
عبد الرحمن|french|Abderrahmane:4,Abdelrahman:3,Abdel Rahman:2
عبد الرحمن|turkish|Abdurrahman:8,Abdulrahman:2
عبد الرحمن|german|Abdulrahman:5,Abdul-Rahman:3
عبد الرحمن|informal|ABDULRAHMAN:5,ABD ALRAHMAN:2,ABDUL RAHMAN:2
حمزة|english|Hamza:7,Hamzah:3
حمزة|french|Hamza:9
حمزة|turkish|Hamza:10
حمزة|german|Hamza:10
حمزة|informal|HAMZA:8,HAMZEH:2
جمال|english|Jamal:9,Gamal:1
جمال|french|Djamal:3,Jamal:5,Djamel:2
جمال|turkish|Cemal:8,Jamal:2
جمال|german|Dschamal:2,Jamal:7
جمال|informal|JAMAL:10
قاسم|english|Qasim:4,Qassem:3,Kassem:2,Qasem:2
قاسم|french|Kassem:5,Qassem:3,Kacem:1
قاسم|turkish|Kasım:5,Kasim:5
قاسم|german|Kassem:4,Qasim:4
قاسم|informal|KASEM:4,QASEM:4,QASIM:2
عثمان|english|Othman:5,Osman:3,Uthman:2
عثمان|french|Othman:6,Osmane:2
عثمان|turkish|Osman:10
عثمان|german|Osman:5,Othman:5
عثمان|informal|OTHMAN:7,OSMAN:3
شادي|english|Shadi:8,Shady:2
شادي|french|Chadi:6,Shadi:4
شادي|turkish|Şadi:6,Sadi:4
شادي|german|Schadi:5,Shadi:5
شادي|informal|SHADI:9,SHADY:1
فاطمة|english|Fatima:6,Fatimah:2,Fatma:2
فاطمة|french|Fatima:7,Fatma:3
فاطمة|turkish|Fatma:8,Fatima:2
فاطمة|german|Fatima:8,Fatma:2
فاطمة|informal|FATIMA:6,FATMA:3,FATEMA:1
مريم|english|Maryam:6,Mariam:4
مريم|french|Meryem:3,Mariam:5,Myriam:2
مريم|turkish|Meryem:9,Mariam:1
مريم|german|Mariam:7,Maryam:3
مريم|informal|MARYAM:6,MARIAM:4
خديجة|english|Khadija:7,Khadijah:3
خديجة|french|Khadija:8,Khadidja:2
خديجة|turkish|Hatice:8,Hadice:2
خديجة|german|Chadidscha:2,Khadija:8
خديجة|informal|KHADIJA:8,KHADEJA:2
عائشة|english|Aisha:6,Aysha:2,Aicha:1,Ayesha:1
عائشة|french|Aicha:7,Aïcha:3
عائشة|turkish|Ayşe:8,Aişe:2
عائشة|german|Aischa:4,Aisha:6
عائشة|informal|AISHA:6,AYSHA:3,AICHA:1
زينب|english|Zainab:6,Zaynab:2,Zeinab:3
زينب|french|Zeineb:4,Zeinab:5
زينب|turkish|Zeynep:9
زينب|german|Zainab:6,Seinab:1,Zeinab:3
زينب|informal|ZAINAB:5,ZEINAB:4
نور|english|Nour:6,Noor:3,Nur:1
نور|french|Nour:10
نور|turkish|Nur:10
نور|german|Nur:6,Nour:4
نور|informal|NOUR:6,NOOR:4
`
